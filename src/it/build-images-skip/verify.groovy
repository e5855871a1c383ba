// Skipped: the log says so and no image exists.
def prefix = (new File(basedir, 'pom.xml').text =~ /<berth.imagePrefix>(.+)<\/berth.imagePrefix>/)[0][1]
String log = new File(basedir, 'build.log').text
assert log.contains('Skipping build-images (skip parameter of this goal)')
assert !log.contains("${prefix}app>")
def built = ['docker', 'images', '--quiet', '--filter', "reference=${prefix}*"].execute().text.trim()
assert built.isEmpty()
return true
