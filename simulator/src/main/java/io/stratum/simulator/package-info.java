/**
 * The wire-faithful Amazon Bedrock simulator behind {@code stratum sim}: bedrock-runtime Converse
 * and ConverseStream, the OpenAI-compatible Responses and Chat Completions surfaces of
 * bedrock-runtime and bedrock-mantle, KMS and Kinesis, with SigV4 and API-key checks, per-family
 * quirks and injectable faults. Start one with {@link io.stratum.simulator.BedrockSimulator}.
 *
 * <p>This is a runtime feature of the product, not a test fixture: it ships in the {@code stratum}
 * jar and depends only on Jackson and the JDK's HTTP server, never on a test framework. Other
 * modules' tests use it in test scope; the test fixtures themselves live in {@code
 * io.stratum.testkit}.
 */
package io.stratum.simulator;
