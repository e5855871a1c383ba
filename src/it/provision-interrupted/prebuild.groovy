def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
support.buildImage(support.imageOf(basedir))
return true
