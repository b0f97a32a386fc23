#!/usr/bin/env bash
# The embedded server and the memory browser in one command: the API on http://localhost:8531, the browser on
# http://localhost:8533. Arguments go to the API (for example --Mirix:Llm:Endpoint=...). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
# Built one after the other: two builds at once would fight over the projects they share.
dotnet build Mirix.Api/Mirix.Api.csproj -nologo -v q
dotnet build Mirix.Web/Mirix.Web.csproj -nologo -v q
dotnet run --no-build --project Mirix.Api -- "$@" &
api=$!
trap 'kill "$api" 2>/dev/null || true' EXIT
dotnet run --no-build --project Mirix.Web
