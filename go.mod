module github.com/callqa/listenscore

go 1.26.0

require (
	github.com/kljensen/snowball v0.10.0
	github.com/stretchr/testify v1.12.1
	go.yaml.in/yaml/v3 v3.0.6
)
