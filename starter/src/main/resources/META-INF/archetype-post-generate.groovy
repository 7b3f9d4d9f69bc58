// The wrapper must be executable: archetype:generate does not keep file modes.
def mvnw = new File(request.outputDirectory, request.artifactId + '/mvnw')
if (mvnw.isFile()) {
    mvnw.setExecutable(true, false)
}
