#!/usr/bin/env bash
# Adds a migration NAME for both providers from the current model: ./tools/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: tools/add-migration.sh NAME}"
dotnet tool restore >/dev/null
dotnet build src/Gongzhi -nologo -v quiet -clp:ErrorsOnly
dotnet ef migrations add "$name" --no-build --project src/Gongzhi.Migrations.Sqlite --startup-project src/Gongzhi -o Migrations
Database__Provider=Postgres ConnectionStrings__Gongzhi="Host=localhost;Database=design" \
  dotnet ef migrations add "$name" --no-build --project src/Gongzhi.Migrations.Postgres --startup-project src/Gongzhi -o Migrations
