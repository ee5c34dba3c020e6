// Module ArgoSemantics: see Package.swift for its place in the pipeline.
