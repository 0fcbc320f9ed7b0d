# Sourced by the benchmark scripts (from the project's root): H2_OPTIONS, the options of the default H2 URL in
# application.yaml (everything after the path), so a benchmark's own database behaves as the service's default does.
H2_OPTIONS=$(sed -n 's/^ *url: jdbc:h2:file:[^;]*;//p' src/main/resources/application.yaml | head -1)
[ -n "$H2_OPTIONS" ] || { echo "no H2 file URL with options in src/main/resources/application.yaml" >&2; exit 1; }
