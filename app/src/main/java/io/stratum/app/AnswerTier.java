package io.stratum.app;

import io.stratum.answer.Answerer;
import io.stratum.dispatch.ModelClient;

/**
 * A model tier as answers use it: its name ({@code advanced}, {@code basic}), model and answerer.
 */
record AnswerTier(String name, ModelClient model, Answerer answerer) {}
