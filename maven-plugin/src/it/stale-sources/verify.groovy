def logs = basedir.listFiles().findAll { it.name.startsWith('build') && it.name.endsWith('.log') }*.text.join('\n')
assert logs.contains('Storefront.java changed after the plans were compiled into')
assert logs.contains('diff (default-cli) > compile @ shop-plans-stale')
assert logs.contains('[INFO] + shop/k8s/web-hpa.yaml')
return true
