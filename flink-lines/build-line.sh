#!/usr/bin/env bash
# The second pass of `mvn verify` (flink-lines/pom.xml): builds and tests the tree again for one more
# Flink line, with the unit tests and the core ITs (-Dneoncdc.its=core, see connector/pom.xml and
# sql-jobs/pom.xml). Arguments: the mvn launcher, whether the outer build is offline, the Flink
# version, then -D options passed on.
set -euo pipefail
mvn_bin=$1 offline=$2 flink=$3
shift 3
args=(-B -f pom.xml "-Dflink.version=$flink" -Dneoncdc.its=core -Dspotless.check.skip=true "$@")
# "offline=true|false": a lone ${settings.offline} is a Boolean the exec plugin cannot pass.
if [ "$offline" = offline=true ]; then
  args+=(-o)
fi
echo "==== Flink $flink: the build again into */target/flink-${flink%.*}/, unit tests and core ITs"
exec "$mvn_bin" "${args[@]}" verify
