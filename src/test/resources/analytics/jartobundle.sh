#!/bin/sh
# Test stand-in for WSO2 API-M Analytics 3.1.0's bin/jartobundle.sh, written for apim-maven-plugin's
# tests: "converts" <jar> into a bundle in <folder>, named as the real script names it (the jar's
# name with '-' as '_', and _1.0.0). Usage: jartobundle.sh <jar> <folder>
set -e
name=$(basename "$1" .jar | tr '-' '_')
cp "$1" "$2/${name}_1.0.0.jar"
