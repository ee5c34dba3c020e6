// Module ArgoRun: see Package.swift for its place in the pipeline.
