// Both goals said they skipped, under either switch, and never reached for the (unreachable) engine.
String log = new File(basedir, 'build.log').text
assert log.contains('Skipping collect-coverage (skip parameter of this goal)')
assert log.contains('Skipping prune (skip parameter of this goal)')
assert log.contains('Skipping collect-coverage (berth.skip)')
assert log.contains('Skipping prune (berth.skip)')
assert !log.contains('No Docker engine answers')
assert !new File(basedir, 'target/berth/coverage').exists()
return true
