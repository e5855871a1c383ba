// The cycle is shown, the fix named, and the check came first: the missing image was never looked at.
def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
String log = new File(basedir, 'build.log').text
assert log.contains("Cluster 'cluster-cycle' is not valid:")
assert log.contains('services depend on each other in a cycle: a -> c -> b -> a; remove one of these <dependsOn>'
        + ' entries')
assert !log.contains('are not present in the Docker engine')
assert support.leftovers('io.github.berth.it:cluster-cycle', basedir) == []
return true
