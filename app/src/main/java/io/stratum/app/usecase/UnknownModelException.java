package io.stratum.app.usecase;

import java.util.List;

/**
 * The OpenAI-compatible gateway does not serve the named model: it is neither a tier alias nor a
 * cleared catalog id. The message names the model, what is served, and how an operator clears one.
 */
public final class UnknownModelException extends RuntimeException {
  private final String model;

  public UnknownModelException(String model, List<String> served) {
    super(
        "model: '%s' is not served here; ask for one of %s. An operator serves another Bedrock model by adding its id to bedrock_cleared_model_ids in terraform.tfvars"
            .formatted(Inputs.echo(model), String.join(", ", served)));
    this.model = model;
  }

  public String model() {
    return model;
  }
}
