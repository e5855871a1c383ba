// The chain started in order, the test passed, the logs were saved and nothing is left on the engine.
def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
def project = 'io.github.berth.it:cluster-basic'
try {
    String log = new File(basedir, 'build.log').text
    def ready = ['db', 'api', 'web'].collect { log.indexOf("Service ${it} ready: ") }
    assert ready.every { it >= 0 } && ready == ready.sort(false): ready
    assert log =~ /Service api ready: \w{12} at 127\.0\.0\.1:\d+ \([\d.]+ s\)/
    assert log.contains('Cluster shop ready in ')
    assert log.contains('Tests run: 2, Failures: 0, Errors: 0')
    assert log =~ /Stopped cluster shop: removed 3 containers, 1 network, 1 volume in [\d.]+ s/
    assert new File(basedir, 'target/berth/logs/web.log').text.contains('hello from api')
    assert !new File(basedir, 'target/berth/shop.json').exists()
    assert support.leftovers(project, basedir) == []
    return true
} finally {
    support.removeLeftovers(project, basedir)
    support.removeImage(support.imageOf(basedir))
}
