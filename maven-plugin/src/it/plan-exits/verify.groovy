def logs = basedir.listFiles().findAll { it.name.startsWith('build') && it.name.endsWith('.log') }*.text.join('\n')
assert logs.contains('error: plan code called System.exit while scaleplan was running (plan shop.Storefront)')
assert !logs.contains('BUILD SUCCESS')
assert !new File(basedir, 'generated').exists()
return true
