// Drives Stratum's OpenAI-compatible gateway with the official openai npm client, unmodified.
// Usage: node e2e.mjs <base-url> <bound-token> <unbound-token>
// The unbound token bills the workspace 'budgeted' (X-Stratum-Workspace), whose hard cap has no room.
// Prints one JSON summary line; exits 1 on any unexpected failure.
import OpenAI from "openai";

const [baseURL, bound, unbound] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: bound, maxRetries: 0 });
const capped = new OpenAI({
  baseURL, apiKey: unbound, maxRetries: 0, defaultHeaders: { "X-Stratum-Workspace": "budgeted" },
});
const ROTATE = "lookup_rotation";
const out = {};

async function failure(call) {
  try {
    await call();
    return { status: 200 };
  } catch (e) {
    if (!(e instanceof OpenAI.APIError)) throw e;
    return {
      status: e.status, code: e.code, type: e.type, param: e.param, message: e.message,
      retryAfter: e.headers?.get?.("retry-after") ?? null, kind: e.constructor.name,
    };
  }
}

try {
  const sync = await client.chat.completions.create({
    model: "stratum-advanced", messages: [{ role: "user", content: "Which modules fail?" }],
  });
  out.chatModel = sync.model;
  out.chatText = sync.choices[0].message.content;
  out.chatReasoningTokens = sync.usage.completion_tokens_details.reasoning_tokens;

  let streamed = "";
  let usage = null;
  let finish = null;
  const stream = await client.chat.completions.create({
    model: "stratum-advanced", messages: [{ role: "user", content: "Which modules fail?" }],
    stream: true, stream_options: { include_usage: true },
  });
  for await (const chunk of stream) {
    for (const c of chunk.choices) {
      streamed += c.delta.content ?? "";
      finish = c.finish_reason ?? finish;
    }
    usage = chunk.usage ?? usage;
  }
  out.streamedEqualsSync = streamed === out.chatText;
  out.streamFinish = finish;
  out.streamUsageTotal = usage?.total_tokens ?? 0;

  const r = await client.responses.create({
    model: "stratum-advanced", input: "Design the ledger", reasoning: { effort: "high" },
  });
  out.responsesStatus = r.status;
  out.responsesText = r.output_text;
  out.responsesReasoningTokens = r.usage.output_tokens_details.reasoning_tokens;
  let deltas = "";
  let completed = null;
  const rs = await client.responses.create({
    model: "stratum-advanced", input: "Design the ledger", reasoning: { effort: "high" }, stream: true,
  });
  for await (const e of rs) {
    if (e.type === "response.output_text.delta") deltas += e.delta;
    if (e.type === "response.completed") completed = e.response;
  }
  out.responsesStreamEqualsSync = deltas === r.output_text && completed?.status === "completed";

  const tools = [{
    type: "function",
    function: { name: ROTATE, description: "When a key was last rotated", parameters: { type: "object" } },
  }];
  const messages = [{ role: "user", content: `Use ${ROTATE} for the payments key` }];
  const asked = await client.chat.completions.create({ model: "stratum-basic", messages, tools });
  const call = asked.choices[0].message.tool_calls[0];
  out.toolName = call.function.name;
  out.toolFinish = asked.choices[0].finish_reason;
  const answered = await client.chat.completions.create({
    model: "stratum-basic", tools,
    messages: [...messages, asked.choices[0].message,
      { role: "tool", tool_call_id: call.id, content: "rotated 2026-11-01" }],
  });
  out.toolAnswer = answered.choices[0].message.content;
  out.toolAnswerFinish = answered.choices[0].finish_reason;

  out.models = (await client.models.list()).data.map((m) => m.id);

  const { response } = await client.chat.completions
    .create({
      model: "stratum-advanced", messages: [{ role: "user", content: "Which modules fail?" }],
      temperature: 0.3, reasoning_effort: "high",
    })
    .withResponse();
  out.droppedHeader = response.headers.get("x-stratum-dropped-params");

  out.budget = await failure(() => capped.chat.completions.create({
    model: "stratum-advanced", messages: [{ role: "user", content: "Hi" }],
  }));
  out.unknownModel = await failure(() => client.chat.completions.create({
    model: "gpt-4o", messages: [{ role: "user", content: "Hi" }],
  }));
  console.log(JSON.stringify(out));
} catch (e) {
  console.error(e);
  process.exit(1);
}
