// Drives Stratum's MCP server over Streamable HTTP with the official TypeScript SDK client.
// Usage: node e2e.mjs <base-url> <token> ; prints one JSON summary line, exits 1 on any failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [base, token] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL("/mcp", base), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const client = new Client({ name: "stratum-ts-e2e", version: "1.0.0" });

function text(result) {
  return result.content.find((c) => c.type === "text")?.text ?? "";
}

try {
  await client.connect(transport);
  const tools = (await client.listTools()).tools.map((t) => t.name);
  const found = await client.callTool({
    name: "search",
    arguments: { query: "key rotation", workspaces: ["security"], k: 5 },
  });
  const denied = await client.callTool({
    name: "search",
    arguments: { query: "backups", workspaces: ["compliance"] },
  });
  let progress = 0;
  const answer = await client.callTool(
    { name: "ask", arguments: { question: "How often are customer master keys rotated?", workspaces: ["security"] } },
    undefined,
    { onprogress: () => { progress++; }, resetTimeoutOnProgress: true },
  );
  const doc = await client.callTool({
    name: "get_document",
    arguments: { id: answer.structuredContent.citations[0].documentId },
  });
  const spaces = await client.callTool({ name: "list_workspaces", arguments: {} });
  console.log(JSON.stringify({
    server: client.getServerVersion()?.name,
    tools,
    searchResults: found.structuredContent.results.length,
    searchWorkspaces: [...new Set(found.structuredContent.results.map((r) => r.workspace))],
    deniedIsError: denied.isError === true,
    deniedText: text(denied),
    answerRefused: answer.structuredContent.refused,
    citations: answer.structuredContent.citations.length,
    progress,
    documentWorkspace: doc.structuredContent.workspace,
    workspaces: spaces.structuredContent.workspaces.map((w) => w.id),
  }));
  await client.close();
} catch (e) {
  console.error(`e2e failed: ${e?.stack ?? e}`);
  process.exit(1);
}
