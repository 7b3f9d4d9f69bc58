def plan = new File(basedir, 'src/main/java/shop/Shop.java')
assert plan.isFile() : 'import wrote no plan'
assert plan.text.contains('.service("web", s -> s.requests(millicores(250), mib(512))')
assert plan.text.contains('.autoscale(a -> a.replicas(2, 6).cpuUtilization(percent(70)))')
assert plan.text.contains('.maxmemory(gib(1))')
assert new File(basedir, 'target/classes/shop/Shop.class').isFile() : 'the imported plan did not compile'
assert !new File(basedir, 'src/main/java/shop/Broken.java').exists() : 'a failed import wrote a plan'

def logs = basedir.listFiles().findAll { it.name.startsWith('build') && it.name.endsWith('.log') }*.text.join('\n')
assert logs.contains('scaleplan import: wrote ')
assert logs.contains('pdb.yaml:5:1: error: malformed YAML')
assert logs.contains('scaleplan import: 1 error, 0 warnings; nothing written: fix the errors above')
return true
