// The Argo objects of the table (argo-workflows `pkg/apis/workflow/v1alpha1`).
//
// Typing conventions:
// - Kubernetes `IntOrString` fields are `.intOrString` (the JSON schema says "string",
//   but integers are what people write: `retryStrategy.limit: 10`).
// - Parameter `value`/`default`/`enum` are Argo's AnyString: typed `.string`, so numbers
//   and booleans are accepted and the coercion warning applies.
// - Kubernetes pod-level structures (volumes, affinity, tolerations...) are `.opaque`.

private typealias F = FieldSpec
private let v1alpha1 = "io.argoproj.workflow.v1alpha1."

private func obj(_ id: ObjectID) -> FieldType { .object(id) }
private func list(_ id: ObjectID) -> FieldType { .array(.object(id)) }
private let stringList: FieldType = .array(.string)
private let stringMap: FieldType = .map(.string)
private let opaqueList: FieldType = .array(.opaque)

/// Fields every Argo resource shares.
private func resourceFields(spec: ObjectID, status: Bool) -> [FieldSpec] {
    var fields = [
        F("apiVersion", .string),
        F("kind", .string),
        F("metadata", obj(.objectMeta)),
        F("spec", obj(spec), .required),
    ]
    // Present when a manifest was exported from a cluster; never checked.
    if status { fields.append(F("status", .opaque)) }
    return fields
}

/// The fields of a Template; `nameRequirement` differs between `templates[]` and
/// `templateDefaults` / inline templates, which have no name.
private func templateFields(name nameRequirement: Requirement) -> [FieldSpec] {
    [
        F("activeDeadlineSeconds", .intOrString),
        F("affinity", .opaque),
        F("annotations", stringMap),
        F("archiveLocation", obj(.artifactLocation)),
        F("automountServiceAccountToken", .bool),
        F("container", obj(.container)),
        F("containerSet", obj(.containerSetTemplate)),
        F("daemon", .bool),
        F("dag", obj(.dagTemplate)),
        F("data", obj(.data)),
        F("executor", obj(.executorConfig)),
        F("failFast", .bool),
        F("hostAliases", opaqueList),
        F("http", obj(.http)),
        F("initContainers", list(.userContainer)),
        F("inputs", obj(.inputs)),
        F("memoize", obj(.memoize)),
        F("metadata", obj(.metadata)),
        F("metrics", obj(.metrics)),
        F("name", .string, nameRequirement),
        F("nodeSelector", stringMap),
        F("outputs", obj(.outputs)),
        F("parallelism", .int),
        F("pendingTimeout", .string),
        // An executor plugin's body: `plugin: {my-plugin: {...}}`, free-form.
        F("plugin", .any),
        F("podResources", .opaque),
        F("podSpecPatch", .string),
        F("priorityClassName", .string),
        F("resource", obj(.resourceTemplate)),
        F("resourceClaims", opaqueList),
        F("retryStrategy", obj(.retryStrategy)),
        F("schedulerName", .string),
        F("script", obj(.scriptTemplate)),
        F("securityContext", .opaque),
        F("serviceAccountName", .string),
        F("sidecars", list(.userContainer)),
        // A list of parallel groups, each a list of steps.
        F("steps", .array(list(.workflowStep))),
        F("suspend", obj(.suspendTemplate)),
        F("synchronization", obj(.synchronization)),
        F("timeout", .string),
        F("tolerations", opaqueList),
        F("volumes", opaqueList),
    ]
}

/// Fields shared by DAG tasks and steps.
private let callFields: [FieldSpec] = [
    F("arguments", obj(.arguments)),
    F("continueOn", obj(.continueOn)),
    F("hooks", .map(obj(.lifecycleHook))),
    F("inline", obj(.inlineTemplate)),
    F("name", .string, .required),
    F("onExit", .string),
    F("template", .string),
    F("templateRef", obj(.templateRef)),
    F("when", .string),
    F("withItems", .array(.any)),
    F("withParam", .string),
    F("withSequence", obj(.sequence)),
]

/// Fields of Artifact (and of the identical ArtifactPaths).
private let artifactFields: [FieldSpec] = [
    F("archive", obj(.archiveStrategy)),
    F("archiveLogs", .bool),
    F("artifactGC", obj(.artifactGC)),
    F("artifactory", .opaque),
    F("azure", .opaque),
    F("deleted", .bool),
    F("from", .string),
    F("fromExpression", .string),
    F("gcs", .opaque),
    F("git", .opaque),
    F("globalName", .string),
    F("hdfs", .opaque),
    F("http", .opaque),
    F("mode", .int),
    F("name", .string, .required),
    F("optional", .bool),
    F("oss", .opaque),
    F("path", .string),
    F("plugin", .opaque),
    F("raw", obj(.rawArtifact)),
    F("recurseMode", .bool),
    F("s3", .opaque),
    F("subPath", .string),
]

let argoObjects: [ObjectSpec] = [
    // MARK: Resources
    ObjectSpec(.workflow, "a Workflow", upstream: v1alpha1 + "Workflow",
               fields: resourceFields(spec: .workflowSpec, status: true)),
    ObjectSpec(.workflowTemplate, "a WorkflowTemplate", upstream: v1alpha1 + "WorkflowTemplate",
               fields: resourceFields(spec: .workflowSpec, status: false)),
    ObjectSpec(.clusterWorkflowTemplate, "a ClusterWorkflowTemplate", upstream: v1alpha1 + "ClusterWorkflowTemplate",
               fields: resourceFields(spec: .workflowSpec, status: false)),
    ObjectSpec(.cronWorkflow, "a CronWorkflow", upstream: v1alpha1 + "CronWorkflow",
               fields: resourceFields(spec: .cronWorkflowSpec, status: true)),

    // MARK: Specs
    ObjectSpec(.workflowSpec, "a workflow spec", upstream: v1alpha1 + "WorkflowSpec", fields: [
        F("activeDeadlineSeconds", .int),
        F("affinity", .opaque),
        F("archiveLogs", .bool),
        F("arguments", obj(.arguments)),
        F("artifactGC", obj(.workflowLevelArtifactGC)),
        F("artifactRepositoryRef", obj(.artifactRepositoryRef)),
        F("automountServiceAccountToken", .bool),
        F("dnsConfig", .opaque),
        F("dnsPolicy", .string),
        // Required for a Workflow, but that is another rule's concern (workflowTemplateRef).
        F("entrypoint", .string),
        F("executor", obj(.executorConfig)),
        F("executorPlugins", opaqueList),
        F("hooks", .map(obj(.lifecycleHook))),
        F("hostAliases", opaqueList),
        F("hostNetwork", .bool),
        F("imagePullSecrets", opaqueList),
        F("metrics", obj(.metrics)),
        F("nodeSelector", stringMap),
        F("onExit", .string),
        F("parallelism", .int),
        F("podDisruptionBudget", .opaque),
        F("podGC", obj(.podGC)),
        F("podMetadata", obj(.metadata)),
        F("podPriorityClassName", .string),
        F("podResources", .opaque),
        F("podSpecPatch", .string),
        F("priority", .int),
        F("resourceClaims", opaqueList),
        F("retryStrategy", obj(.retryStrategy)),
        F("schedulerName", .string),
        F("securityContext", .opaque),
        F("serviceAccountName", .string),
        F("shutdown", .string),
        F("suspend", .bool),
        F("synchronization", obj(.synchronization)),
        F("templateDefaults", obj(.templateDefaults)),
        F("templates", list(.template)),
        F("tolerations", opaqueList),
        F("ttlStrategy", obj(.ttlStrategy)),
        F("volumeClaimGC", obj(.volumeClaimGC)),
        F("volumeClaimTemplates", opaqueList),
        F("volumes", opaqueList),
        F("workflowMetadata", obj(.workflowMetadata)),
        F("workflowTemplateRef", obj(.workflowTemplateRef)),
    ]),
    ObjectSpec(.cronWorkflowSpec, "a CronWorkflow spec", upstream: v1alpha1 + "CronWorkflowSpec", fields: [
        F("concurrencyPolicy", .string),
        F("failedJobsHistoryLimit", .int),
        // Deprecated single schedule (Argo < 4), still widely written.
        F("schedule", .string),
        F("schedules", stringList, .requiredUnless(["schedule"])),
        F("startingDeadlineSeconds", .int),
        F("stopStrategy", obj(.stopStrategy)),
        F("successfulJobsHistoryLimit", .int),
        F("suspend", .bool),
        F("timezone", .string),
        F("when", .string),
        F("workflowMetadata", obj(.objectMeta)),
        F("workflowSpec", obj(.workflowSpec), .required),
    ]),
    ObjectSpec(.stopStrategy, "a stopStrategy", upstream: v1alpha1 + "StopStrategy", fields: [
        F("expression", .string, .required),
    ]),

    // MARK: Templates
    ObjectSpec(.template, "a template", upstream: v1alpha1 + "Template", fields: templateFields(name: .required)),
    ObjectSpec(.templateDefaults, "templateDefaults", upstream: v1alpha1 + "Template", fields: templateFields(name: .optional)),
    ObjectSpec(.inlineTemplate, "an inline template", upstream: v1alpha1 + "Template", fields: templateFields(name: .optional)),
    ObjectSpec(.dagTemplate, "a DAG template", upstream: v1alpha1 + "DAGTemplate", fields: [
        F("failFast", .bool),
        F("target", .string),
        F("tasks", list(.dagTask), .required),
    ]),
    ObjectSpec(.dagTask, "a DAG task", upstream: v1alpha1 + "DAGTask", fields: callFields + [
        F("dependencies", stringList),
        F("depends", .string),
    ]),
    ObjectSpec(.workflowStep, "a step", upstream: v1alpha1 + "WorkflowStep", fields: callFields),

    // MARK: HTTP
    ObjectSpec(.http, "an HTTP template", upstream: v1alpha1 + "HTTP", fields: [
        F("body", .string),
        F("bodyFrom", obj(.httpBodySource)),
        F("headers", list(.httpHeader)),
        F("insecureSkipVerify", .bool),
        F("method", .string),
        F("successCondition", .string),
        F("timeoutSeconds", .int),
        F("url", .string, .required),
    ]),
    ObjectSpec(.httpHeader, "an HTTP header", upstream: v1alpha1 + "HTTPHeader", fields: [
        F("name", .string, .required),
        F("value", .string),
        F("valueFrom", obj(.httpHeaderSource)),
    ]),
    ObjectSpec(.httpHeaderSource, "a header valueFrom", upstream: v1alpha1 + "HTTPHeaderSource", fields: [
        F("secretKeyRef", obj(.secretKeySelector)),
    ]),
    ObjectSpec(.httpBodySource, "an HTTP bodyFrom", upstream: v1alpha1 + "HTTPBodySource", fields: [
        F("bytes", .string),
    ]),

    // MARK: Inputs, outputs, arguments
    ObjectSpec(.inputs, "template inputs", upstream: v1alpha1 + "Inputs", fields: [
        F("artifacts", list(.artifact)),
        F("parameters", list(.parameter)),
    ]),
    ObjectSpec(.outputs, "template outputs", upstream: v1alpha1 + "Outputs", fields: [
        F("artifacts", list(.artifact)),
        F("exitCode", .string),
        F("parameters", list(.parameter)),
        F("result", .string),
    ]),
    ObjectSpec(.arguments, "arguments", upstream: v1alpha1 + "Arguments", fields: [
        F("artifacts", list(.artifact)),
        F("parameters", list(.parameter)),
    ]),
    ObjectSpec(.parameter, "a parameter", upstream: v1alpha1 + "Parameter", fields: [
        F("default", .string),
        F("description", .string),
        F("enum", stringList),
        F("globalName", .string),
        F("name", .string, .required),
        F("value", .string),
        F("valueFrom", obj(.valueFrom)),
    ]),
    ObjectSpec(.valueFrom, "a parameter valueFrom", upstream: v1alpha1 + "ValueFrom", fields: [
        F("configMapKeyRef", obj(.configMapKeySelector)),
        F("default", .string),
        F("event", .string),
        F("expression", .string),
        F("jqFilter", .string),
        F("jsonPath", .string),
        F("parameter", .string),
        F("path", .string),
        F("supplied", .opaque),
    ]),

    // MARK: Artifacts
    ObjectSpec(.artifact, "an artifact", upstream: v1alpha1 + "Artifact", fields: artifactFields),
    ObjectSpec(.artifactPaths, "artifactPaths", upstream: v1alpha1 + "ArtifactPaths", fields: artifactFields),
    ObjectSpec(.artifactLocation, "an archiveLocation", upstream: v1alpha1 + "ArtifactLocation", fields: [
        F("archiveLogs", .bool),
        F("artifactory", .opaque),
        F("azure", .opaque),
        F("gcs", .opaque),
        F("git", .opaque),
        F("hdfs", .opaque),
        F("http", .opaque),
        F("oss", .opaque),
        F("plugin", .opaque),
        F("raw", obj(.rawArtifact)),
        F("s3", .opaque),
    ]),
    ObjectSpec(.archiveStrategy, "an archive strategy", upstream: v1alpha1 + "ArchiveStrategy", fields: [
        F("none", .opaque),
        F("tar", obj(.tarStrategy)),
        F("zip", .opaque),
    ]),
    ObjectSpec(.tarStrategy, "tar archive options", upstream: v1alpha1 + "TarStrategy", fields: [
        F("compressionLevel", .int),
    ]),
    ObjectSpec(.rawArtifact, "a raw artifact", upstream: v1alpha1 + "RawArtifact", fields: [
        F("data", .string, .required),
    ]),
    ObjectSpec(.artifactGC, "an artifactGC", upstream: v1alpha1 + "ArtifactGC", fields: [
        F("podMetadata", obj(.metadata)),
        F("serviceAccountName", .string),
        F("strategy", .string),
    ]),

    // MARK: Retries, continueOn
    ObjectSpec(.retryStrategy, "a retryStrategy", upstream: v1alpha1 + "RetryStrategy", fields: [
        F("affinity", obj(.retryAffinity)),
        F("backoff", obj(.backoff)),
        F("expression", .string),
        F("limit", .intOrString),
        F("retryPolicy", .string),
    ]),
    ObjectSpec(.backoff, "a retry backoff", upstream: v1alpha1 + "Backoff", fields: [
        F("cap", .string),
        F("duration", .string),
        F("factor", .intOrString),
        F("maxDuration", .string),
    ]),
    ObjectSpec(.retryAffinity, "a retry affinity", upstream: v1alpha1 + "RetryAffinity", fields: [
        F("nodeAntiAffinity", .opaque),
    ]),
    ObjectSpec(.continueOn, "continueOn", upstream: v1alpha1 + "ContinueOn", fields: [
        F("error", .bool),
        F("failed", .bool),
    ]),

    // MARK: References, hooks, loops
    ObjectSpec(.lifecycleHook, "a lifecycle hook", upstream: v1alpha1 + "LifecycleHook", fields: [
        F("arguments", obj(.arguments)),
        F("expression", .string),
        F("template", .string),
        F("templateRef", obj(.templateRef)),
    ]),
    ObjectSpec(.templateRef, "a templateRef", upstream: v1alpha1 + "TemplateRef", fields: [
        F("clusterScope", .bool),
        F("name", .string, .required),
        F("template", .string, .required),
    ]),
    ObjectSpec(.workflowTemplateRef, "a workflowTemplateRef", upstream: v1alpha1 + "WorkflowTemplateRef", fields: [
        F("clusterScope", .bool),
        F("name", .string, .required),
    ]),
    ObjectSpec(.sequence, "withSequence", upstream: v1alpha1 + "Sequence", fields: [
        F("count", .intOrString),
        F("end", .intOrString),
        F("format", .string),
        F("start", .intOrString),
    ]),

    // MARK: Synchronization
    ObjectSpec(.synchronization, "synchronization", upstream: v1alpha1 + "Synchronization", fields: [
        // Deprecated singular forms (Argo < 4), still widely written.
        F("mutex", obj(.mutex)),
        F("mutexes", list(.mutex)),
        F("semaphore", obj(.semaphoreRef)),
        F("semaphores", list(.semaphoreRef)),
    ]),
    ObjectSpec(.mutex, "a mutex", upstream: v1alpha1 + "Mutex", fields: [
        F("database", .bool),
        F("name", .string),
        F("namespace", .string),
    ]),
    ObjectSpec(.semaphoreRef, "a semaphore", upstream: v1alpha1 + "SemaphoreRef", fields: [
        F("configMapKeyRef", obj(.configMapKeySelector)),
        F("database", obj(.syncDatabaseRef)),
        F("namespace", .string),
    ]),
    ObjectSpec(.syncDatabaseRef, "a semaphore database reference", upstream: v1alpha1 + "SyncDatabaseRef", fields: [
        F("key", .string, .required),
    ]),

    // MARK: Metrics
    ObjectSpec(.metrics, "metrics", upstream: v1alpha1 + "Metrics", fields: [
        F("prometheus", list(.prometheus)),
    ]),
    ObjectSpec(.prometheus, "a Prometheus metric", upstream: v1alpha1 + "Prometheus", fields: [
        F("counter", obj(.counter)),
        F("gauge", obj(.gauge)),
        F("help", .string, .required),
        F("histogram", obj(.histogram)),
        F("labels", list(.metricLabel)),
        F("name", .string, .required),
        F("when", .string),
    ]),
    ObjectSpec(.gauge, "a gauge", upstream: v1alpha1 + "Gauge", fields: [
        F("operation", .string),
        F("realtime", .bool),
        F("value", .string, .required),
    ]),
    ObjectSpec(.counter, "a counter", upstream: v1alpha1 + "Counter", fields: [
        F("value", .string, .required),
    ]),
    ObjectSpec(.histogram, "a histogram", upstream: v1alpha1 + "Histogram", fields: [
        F("buckets", .array(.number), .required),
        F("value", .string, .required),
    ]),
    ObjectSpec(.metricLabel, "a metric label", upstream: v1alpha1 + "MetricLabel", fields: [
        F("key", .string, .required),
        F("value", .string, .required),
    ]),

    // MARK: Memoization, repositories
    ObjectSpec(.memoize, "memoize", upstream: v1alpha1 + "Memoize", fields: [
        F("cache", obj(.cache), .required),
        F("key", .string, .required),
        F("maxAge", .string),
    ]),
    ObjectSpec(.cache, "a memoization cache", upstream: v1alpha1 + "Cache", fields: [
        F("configMap", obj(.localObjectReference), .required),
    ]),
    ObjectSpec(.artifactRepositoryRef, "an artifactRepositoryRef", upstream: v1alpha1 + "ArtifactRepositoryRef", fields: [
        F("configMap", .string),
        F("key", .string),
    ]),

    // MARK: Metadata
    ObjectSpec(.metadata, "pod metadata", upstream: v1alpha1 + "Metadata", fields: [
        F("annotations", stringMap),
        F("labels", stringMap),
    ]),
    ObjectSpec(.workflowMetadata, "workflowMetadata", upstream: v1alpha1 + "WorkflowMetadata", fields: [
        F("annotations", stringMap),
        F("labels", stringMap),
        F("labelsFrom", .map(obj(.labelValueFrom))),
    ]),
    ObjectSpec(.labelValueFrom, "a labelsFrom entry", upstream: v1alpha1 + "LabelValueFrom", fields: [
        F("expression", .string, .required),
    ]),

    // MARK: Garbage collection, executor
    ObjectSpec(.ttlStrategy, "a ttlStrategy", upstream: v1alpha1 + "TTLStrategy", fields: [
        F("secondsAfterCompletion", .int),
        F("secondsAfterFailure", .int),
        F("secondsAfterSuccess", .int),
    ]),
    ObjectSpec(.podGC, "podGC", upstream: v1alpha1 + "PodGC", fields: [
        F("deleteDelayDuration", .string),
        F("labelSelector", .opaque),
        F("strategy", .string),
    ]),
    ObjectSpec(.workflowLevelArtifactGC, "a workflow artifactGC", upstream: v1alpha1 + "WorkflowLevelArtifactGC", fields: [
        F("forceFinalizerRemoval", .bool),
        F("podMetadata", obj(.metadata)),
        F("podSpecPatch", .string),
        F("serviceAccountName", .string),
        F("strategy", .string),
    ]),
    ObjectSpec(.volumeClaimGC, "volumeClaimGC", upstream: v1alpha1 + "VolumeClaimGC", fields: [
        F("strategy", .string),
    ]),
    ObjectSpec(.executorConfig, "executor settings", upstream: v1alpha1 + "ExecutorConfig", fields: [
        F("serviceAccountName", .string),
    ]),

    // MARK: Leaf template bodies
    ObjectSpec(.resourceTemplate, "a resource template", upstream: v1alpha1 + "ResourceTemplate", fields: [
        F("action", .string, .required),
        F("failureCondition", .string),
        F("flags", stringList),
        F("manifest", .string),
        F("manifestFrom", obj(.manifestFrom)),
        F("mergeStrategy", .string),
        F("setOwnerReference", .bool),
        F("successCondition", .string),
    ]),
    ObjectSpec(.manifestFrom, "manifestFrom", upstream: v1alpha1 + "ManifestFrom", fields: [
        F("artifact", obj(.artifact), .required),
    ]),
    ObjectSpec(.suspendTemplate, "a suspend template", upstream: v1alpha1 + "SuspendTemplate", fields: [
        F("duration", .string),
    ]),
    ObjectSpec(.data, "a data template", upstream: v1alpha1 + "Data", fields: [
        F("source", obj(.dataSource), .required),
        F("transformation", list(.transformationStep)),
    ]),
    ObjectSpec(.dataSource, "a data source", upstream: v1alpha1 + "DataSource", fields: [
        F("artifactPaths", obj(.artifactPaths)),
    ]),
    ObjectSpec(.transformationStep, "a transformation step", upstream: v1alpha1 + "TransformationStep", fields: [
        F("expression", .string, .required),
    ]),
    ObjectSpec(.containerSetTemplate, "a containerSet template", upstream: v1alpha1 + "ContainerSetTemplate", fields: [
        F("containers", list(.containerNode), .required),
        F("retryStrategy", obj(.containerSetRetryStrategy)),
        F("volumeMounts", opaqueList),
    ]),
    ObjectSpec(.containerSetRetryStrategy, "a containerSet retryStrategy", upstream: v1alpha1 + "ContainerSetRetryStrategy", fields: [
        F("duration", .string),
        F("retries", .intOrString),
    ]),
    ObjectSpec(.containerNode, "a containerSet container", upstream: v1alpha1 + "ContainerNode",
               fields: containerFields(name: .required) + [F("dependencies", stringList)]),
    // `image` may come from templateDefaults; `source` is not checked by Argo.
    ObjectSpec(.scriptTemplate, "a script template", upstream: v1alpha1 + "ScriptTemplate",
               fields: containerFields(name: .optional) + [F("source", .string)]),
    ObjectSpec(.userContainer, "a sidecar or init container", upstream: v1alpha1 + "UserContainer",
               fields: containerFields(name: .required) + [F("mirrorVolumeMounts", .bool)]),
]
