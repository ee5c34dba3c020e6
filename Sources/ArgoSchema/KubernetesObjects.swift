// The Kubernetes objects the table checks (io.k8s.api.core.v1, io.k8s.apimachinery meta/v1).
// Only the top level of a Container is typed; its nested structures are opaque.

private typealias F = FieldSpec
private let core = "io.k8s.api.core.v1."

/// The top-level fields of a Kubernetes Container. `image` is not required:
/// Argo's templateDefaults can supply it.
func containerFields(name nameRequirement: Requirement) -> [FieldSpec] {
    [
        F("args", .array(.string)),
        F("command", .array(.string)),
        F("env", .array(.object(.envVar))),
        F("envFrom", .array(.opaque)),
        F("image", .string),
        F("imagePullPolicy", .string),
        F("lifecycle", .opaque),
        F("livenessProbe", .opaque),
        F("name", .string, nameRequirement),
        F("ports", .array(.opaque)),
        F("readinessProbe", .opaque),
        F("resizePolicy", .array(.opaque)),
        F("resources", .opaque),
        F("restartPolicy", .string),
        F("restartPolicyRules", .array(.opaque)),
        F("securityContext", .opaque),
        F("startupProbe", .opaque),
        F("stdin", .bool),
        F("stdinOnce", .bool),
        F("terminationMessagePath", .string),
        F("terminationMessagePolicy", .string),
        F("tty", .bool),
        F("volumeDevices", .array(.opaque)),
        F("volumeMounts", .array(.opaque)),
        F("workingDir", .string),
    ]
}

let kubernetesObjects: [ObjectSpec] = [
    ObjectSpec(.objectMeta, "resource metadata", upstream: "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", fields: [
        F("annotations", .map(.string)),
        F("creationTimestamp", .opaque),
        F("deletionGracePeriodSeconds", .int),
        F("deletionTimestamp", .opaque),
        F("finalizers", .array(.string)),
        F("generateName", .string),
        F("generation", .int),
        F("labels", .map(.string)),
        F("managedFields", .array(.opaque)),
        F("name", .string),
        F("namespace", .string),
        F("ownerReferences", .array(.opaque)),
        F("resourceVersion", .string),
        F("selfLink", .string),
        F("uid", .string),
    ]),
    // The main container of a template; Argo names it "main".
    ObjectSpec(.container, "a container", upstream: core + "Container", fields: containerFields(name: .optional)),
    ObjectSpec(.envVar, "an environment variable", upstream: core + "EnvVar", fields: [
        F("name", .string, .required),
        F("value", .string),
        F("valueFrom", .opaque),
    ]),
    ObjectSpec(.secretKeySelector, "a secretKeyRef", upstream: core + "SecretKeySelector", fields: [
        F("key", .string, .required),
        F("name", .string, .required),
        F("optional", .bool),
    ]),
    ObjectSpec(.configMapKeySelector, "a configMapKeyRef", upstream: core + "ConfigMapKeySelector", fields: [
        F("key", .string, .required),
        F("name", .string),
        F("optional", .bool),
    ]),
    ObjectSpec(.localObjectReference, "an object reference", upstream: core + "LocalObjectReference", fields: [
        F("name", .string),
    ]),
]
