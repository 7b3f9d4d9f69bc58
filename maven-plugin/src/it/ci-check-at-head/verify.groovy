def logs = basedir.listFiles().findAll { it.name.startsWith('build') && it.name.endsWith('.log') }
        .sort { it.name }*.text
def all = logs.join('\n')
// 1: stale at HEAD, although generate wrote the files on disk in the same build.
assert all.contains('[INFO] shop: 11 written, 0 unchanged, 0 removed')
assert all.contains('generated at HEAD is stale: run mvn package and commit it')
assert all.contains('[ERROR] + shop/k8s/web-hpa.yaml')
// Headers name this repository's command (no wrapper here).
def hpa = new File(basedir, 'generated/shop/k8s/web-hpa.yaml').text
assert hpa.contains('# Do not edit: change the plan and run mvn package.\n')
// 2: the Markdown report, in the log and in the file.
def markdown = new File(basedir, 'target/scaleplan-diff.md').text
assert markdown.contains('### scaleplan: 11 files changed in shop\n') : markdown
assert markdown.contains('- `k8s/web-hpa.yaml` added\n') : markdown
// 3: one commit with the outputs.
assert all.find(/\[main [0-9a-f]{7}\] shop: /) : 'no commit line'
// 4: up to date at HEAD.
assert all.contains('generated at HEAD is up to date: 11 files of shop')
return true
