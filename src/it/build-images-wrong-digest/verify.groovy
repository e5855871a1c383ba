// The build fails naming the expected and the actual digest, and the engine holds no image of it.
import java.security.MessageDigest

def prefix = (new File(basedir, 'pom.xml').text =~ /<berth.imagePrefix>(.+)<\/berth.imagePrefix>/)[0][1]
def actual = MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'rootfs.tar').bytes).encodeHex().toString()
String log = new File(basedir, 'build.log').text
assert log.contains("has SHA-256 ${actual}, but the Dockerfile expects ${'0' * 64}; nothing was imported")
assert log.contains('docker/builder-app/Dockerfile line 2: secure base file:')
// The mismatch is told once, not again by each exception it passed through.
assert !log.contains('SHA-256 mismatch')

def images = ['docker', 'images', '--quiet', '--filter', 'reference=berth-it-wrong-digest'].execute().text.trim()
assert images.isEmpty()
def built = ['docker', 'images', '--quiet', '--filter', "reference=${prefix}*"].execute().text.trim()
assert built.isEmpty()
return true
