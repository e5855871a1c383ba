// Each goal says it skipped, and why; no container of the project exists.
def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
String log = new File(basedir, 'build.log').text
assert log.contains('Skipping start-cluster (berth.skip)')
assert log.contains('Skipping stop-cluster (berth.skip)')
assert log.contains('Skipping start-cluster (skip parameter of this goal)')
assert log.contains('Skipping stop-cluster (skip parameter of this goal)')
assert !log.contains('berth-it-missing-image')
assert support.leftovers('io.github.berth.it:cluster-skip', basedir) == []
return true
