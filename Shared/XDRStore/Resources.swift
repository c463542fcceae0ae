let probe = PackageResources.self
