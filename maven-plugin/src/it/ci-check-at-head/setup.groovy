// A team repository: the project committed without its outputs, as after a plan edit whose
// regenerated files were not committed. Runs the git binary (the CI image has it).
def git(String... args) {
    def command = ['git', '-c', 'user.name=Scaleplan IT', '-c', 'user.email=it@scaleplan.invalid'] + args.toList()
    def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
    def output = process.inputStream.text
    assert process.waitFor() == 0 : "${command.join(' ')} failed: ${output}"
}
new File(basedir, '.gitignore').text = 'target/\nbuild*.log\n'
git('init', '-q')
git('checkout', '-q', '-b', 'main')
git('config', 'user.name', 'Scaleplan IT')
git('config', 'user.email', 'it@scaleplan.invalid')
git('add', '.')
git('commit', '-q', '-m', 'plans without their outputs')
return true
