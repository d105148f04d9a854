/**
 * Stratum's configuration: a {@code .tfvars} file and {@code STRATUM_*} overrides, read into one
 * record per concern, every problem reported at once with its file and line.
 *
 * <pre>{@code
 * ModelConfig c = ConfigLoader.load(Optional.of(Path.of("terraform.tfvars")), System.getenv(),
 *     Engine.PROVIDERS);                        // or Engine.loadConfig(file, env)
 * c.tiers().advanced().modelId();               // "openai.gpt-5.5"
 * c.dispatch().defaultBackend();                // Backend.RESPONSES
 * c.withEndpoint(URI.create("http://127.0.0.1:4010"));  // both Bedrock surfaces at the simulator
 * }</pre>
 *
 * <p>Every key is declared once in {@code ConfigKeys}: its name, environment variable, what it
 * accepts (the parser, whose expectation is also the error message's and the docs'), default and
 * one-line meaning. A group record reads the keys it holds ({@code StorageSettings.read(values)}
 * calls {@code values.get(NODE_ID)}) and checks relations between them. The key table of {@code
 * docs/configuration.md} is rendered from the declarations. This package imports no provider: what
 * the providers accept (embedding models, role-map targets) is handed in as {@link
 * io.stratum.app.config.ProviderChoices} by the composition root.
 */
package io.stratum.app.config;
