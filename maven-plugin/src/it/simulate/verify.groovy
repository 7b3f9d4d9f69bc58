def sim = new File(basedir, 'target/scaleplan-simulate/shop/sim')
assert new File(sim, 'SIMULATION.md').text.contains('under load profile sale')
assert new File(sim, 'timeline.csv').isFile()
assert new File(sim, 'load-test.js').text.contains("executor: 'ramping-arrival-rate'")
assert new File(sim, 'chart.png').length() > 0
assert new File(sim, 'chart.svg').text.contains('<svg')
assert !new File(basedir, 'target/not-written').exists() : 'a failed simulation wrote files'

def logs = basedir.listFiles().findAll { it.name.startsWith('build') && it.name.endsWith('.log') }*.text.join('\n')
assert logs =~ /\[INFO\] web: the (ready pods covered|load exceeded)/
assert logs.contains('[INFO] wrote ')
assert logs.contains('bad.csv:3: error: [SP500] rps must be a number of at least 0')
assert logs.contains('[ERROR] nothing written: fix the load file')
assert logs.contains('scaleplan: --ready-after must be at least 0, was -1')
assert logs.contains('[ERROR] error: plan shop has no phase during: it is not an event plan')
return true
