// `import OpenAPIContractRuntime` is enough to load a contract and build the middleware.
@_exported import OpenAPIContract
