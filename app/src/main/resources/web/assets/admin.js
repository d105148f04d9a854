// The admin pages: workspaces, tokens, budgets and spend, sources, audit, models. Each lives in its
// own module; this one registers their routes behind one check, so a signed-in user who administers
// nothing gets "you are not an administrator" at every admin URL (the server refuses them anyway).
import { route, isAdmin } from './app.js';
import { notAdministrator } from './admin-ui.js';
import { workspacesPage, workspacePage } from './admin-workspaces.js';
import { tokensPage } from './admin-tokens.js';
import { spendPage } from './admin-spend.js';
import { sourcesPage } from './admin-sources.js';
import { auditPage } from './admin-audit.js';
import { modelsPage } from './admin-models.js';

function adminRoute(pattern, render) {
  route(pattern, (main, params, session) => (isAdmin(session) ? render(main, params, session) : notAdministrator(main)),
    { admin: true });
}

adminRoute('/admin', workspacesPage);
adminRoute('/admin/workspaces', workspacesPage);
adminRoute('/admin/workspaces/:ws', workspacePage);
adminRoute('/admin/tokens', tokensPage);
adminRoute('/admin/spend', spendPage);
adminRoute('/admin/sources', sourcesPage);
adminRoute('/admin/audit', auditPage);
adminRoute('/admin/models', modelsPage);
