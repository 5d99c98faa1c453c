#!/usr/bin/env bash
# Builds every function's Lambda artifact exactly as `sam build` does (make build-<LogicalId>) and
# checks that it holds its handler class and none of the jars that function does not use.
set -euo pipefail
cd "$(dirname "$0")/.."
# Outside target/: each build runs `mvn clean` on the parent, which empties the root target/.
out=${ARTIFACTS_ROOT:-.build/artifacts}
rm -rf "$out"

# function | handler class file | jar name patterns that must NOT ship | jars that must ship
checks=(
  "InfoFunction|com/youtubechat/info/InfoHandler.class|pusher httpclient gson netty async-http-client pgvector cohere junit mockwebserver jackson-dataformat-yaml opentest4j|shared- postgresql okhttp-jvm"
  "EmbeddingFunction|com/youtubechat/embedding/EmbeddingHandler.class|pusher httpclient gson netty async-http-client pgvector okhttp-4 junit mockwebserver jackson-dataformat-yaml opentest4j|shared- cohere-java postgresql okhttp-jvm"
  "ChatReadyFunction|com/youtubechat/chatready/ChatReadyHandler.class|okhttp cohere kotlin netty async-http-client pgvector junit mockwebserver jackson-dataformat-yaml opentest4j|shared- pusher-http-java postgresql"
  "FailureFunction|com/youtubechat/failure/FailureHandler.class|okhttp cohere netty async-http-client pgvector junit mockwebserver jackson-dataformat-yaml opentest4j|shared- pusher-http-java postgresql"
  "ExecutionEndedFunction|com/youtubechat/failure/ExecutionEndedHandler.class|okhttp cohere netty async-http-client pgvector junit mockwebserver jackson-dataformat-yaml opentest4j|shared- pusher-http-java postgresql"
  "TranscriptFunction|com/youtubechat/transcript/TranscriptHandler.class|pusher httpclient gson netty async-http-client pgvector cohere junit mockwebserver jackson-dataformat-yaml opentest4j|shared- postgresql okhttp-jvm"
)

status=0
for check in "${checks[@]}"; do
  IFS='|' read -r fn handler forbidden required <<<"$check"
  dir="$out/$fn"
  make --no-print-directory "build-$fn" ARTIFACTS_DIR="$PWD/$dir" >/dev/null
  if [ ! -f "$dir/$handler" ]; then
    echo "FAIL $fn: $handler is missing from the artifact" >&2; status=1
  fi
  for pattern in $forbidden; do
    if ls "$dir/lib" | grep -q -- "^$pattern"; then
      echo "FAIL $fn: ships $(ls "$dir/lib" | grep -- "^$pattern" | tr '\n' ' ')which it does not use" >&2; status=1
    fi
  done
  for pattern in $required; do
    if ! ls "$dir/lib" | grep -q -- "^$pattern"; then
      echo "FAIL $fn: $pattern*.jar is missing from lib/" >&2; status=1
    fi
  done
  zip_bytes=$(cd "$dir" && python3 -c 'import io,os,zipfile
b=io.BytesIO()
with zipfile.ZipFile(b,"w",zipfile.ZIP_DEFLATED) as z:
    for r,_,fs in os.walk("."):
        for f in fs: z.write(os.path.join(r,f))
print(len(b.getvalue()))')
  echo "$fn: $(ls "$dir/lib" | wc -l) jars, $(du -sk "$dir" | cut -f1) KiB unzipped, $((zip_bytes / 1024)) KiB zipped: $(ls "$dir/lib" | sed 's/\.jar$//' | tr '\n' ' ')"
done
exit $status
