import Foundation
import ArgoLint

/// What a document's project says about linting it: the nearest
/// `.argolint.yaml` upwards (dialect, severities, ignore globs), else defaults.
struct DocumentSettings: Sendable {
    var options: LintOptions
    /// The configuration's `ignore` globs exclude the document: it gets no findings.
    var ignored: Bool
    /// A configuration that does not load; defaults are used meanwhile.
    var configurationError: String?
}

/// Project discovery per folder, cached until a configuration file changes.
struct ProjectSettings {
    private var projects: [String: Result<Project, ConfigurationError>] = [:]

    /// Settings for a document at `path`; nil (not a file) gets the defaults.
    mutating func settings(forPath path: String?) -> DocumentSettings {
        guard let path else { return DocumentSettings(options: LintOptions(), ignored: false) }
        let directory = (path as NSString).deletingLastPathComponent
        let project: Result<Project, ConfigurationError>
        if let cached = projects[directory] {
            project = cached
        } else {
            project = Result { () throws(ConfigurationError) -> Project in
                try Project.discover(start: directory.isEmpty ? "/" : directory, explicitConfigPath: nil)
            }
            projects[directory] = project
        }
        switch project {
        case .success(let project):
            let options = LintOptions(dialect: project.configuration?.dialect ?? .argo,
                                      severities: project.configuration?.severities ?? [:])
            return DocumentSettings(options: options, ignored: project.isIgnored(path))
        case .failure(let error):
            return DocumentSettings(options: LintOptions(), ignored: false, configurationError: error.message)
        }
    }

    /// A configuration file appeared, changed or went away.
    mutating func invalidate() {
        projects.removeAll()
    }

    static func isConfiguration(path: String) -> Bool {
        (path as NSString).lastPathComponent == Configuration.fileName
    }
}
