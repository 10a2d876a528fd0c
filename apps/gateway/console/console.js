// 防返贫监测平台 控制台: a small page over the gateway's /api/v1 (no build step). Every call carries the
// signed-in user's access token; what each list shows is already scoped to the user's org units.

const SESSION_KEY = 'ffp.session';

const LABELS = {
  severity: { high: '高', medium: '中', low: '低' },
  alertStatus: { open: '未处理', acknowledged: '已确认', resolved: '已办结' },
  householdType: { lifted_out_of_poverty: '脱贫户', ordinary: '一般农户' },
  category: {
    unstable_lifted: '脱贫不稳定户',
    marginal_at_risk: '边缘易致贫户',
    sudden_hardship: '突发严重困难户',
  },
  relation: {
    head: '户主',
    spouse: '配偶',
    child: '子女',
    parent: '父母',
    grandchild: '孙辈',
    sibling: '兄弟姐妹',
    other: '其他',
  },
  coverage: { surveyed: '已走访', due: '待走访', overdue: '逾期未走访' },
  memberRole: { first_secretary: '第一书记', member: '队员' },
  delivery: {
    delivered: '已送达',
    failed: '失败',
    pending: '待发送',
    retrying: '重试中',
    digested: '已合并',
  },
};
const label = (kind, value) => (value == null ? '—' : (LABELS[kind]?.[value] ?? value));

const esc = (v) =>
  String(v ?? '—').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
const time = (v) => (v ? new Date(v).toLocaleString('zh-CN', { hour12: false }) : '—');
const yuan = (v) => (typeof v === 'number' ? v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) : '—');
const $ = (sel) => document.querySelector(sel);

function currentMonth(offset = 0) {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

// ---- session ---------------------------------------------------------------------------------
let session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
const saveSession = (s) => {
  session = s;
  if (s) sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else sessionStorage.removeItem(SESSION_KEY);
};

class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `请求失败 (${status})`);
    this.status = status;
  }
}

async function refresh() {
  if (!session?.refreshToken) return false;
  const res = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  });
  if (!res.ok) return false;
  const body = await res.json();
  saveSession({ ...session, accessToken: body.accessToken, refreshToken: body.refreshToken });
  return true;
}

async function api(method, path, body, retried = false) {
  const res = await fetch(path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401 && !retried && (await refresh())) return api(method, path, body, true);
  const json = await res.json().catch(() => null);
  if (res.status === 401) {
    saveSession(null);
    showLogin('登录已过期，请重新登录');
    throw new ApiError(401, json);
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

// ---- pages -----------------------------------------------------------------------------------
let villageNames = new Map();

async function loadOrgUnits() {
  try {
    const body = await api('GET', '/api/v1/org-units');
    const items = Array.isArray(body) ? body : (body?.items ?? []);
    villageNames = new Map(items.map((u) => [u.code, u.name]));
  } catch {
    villageNames = new Map(); // shown as codes where names are not known
  }
}
const place = (code) => (code ? (villageNames.get(code) ?? code) : '—');

function table(headers, rows, empty = '暂无数据') {
  const head = `<tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const body = rows.length
    ? rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')
    : `<tr><td colspan="${headers.length}" class="muted">${esc(empty)}</td></tr>`;
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function pager(result, go) {
  const total = result.total ?? result.items.length;
  const pages = Math.max(1, Math.ceil(total / (result.pageSize || 50)));
  const page = result.page || 1;
  const el = document.createElement('div');
  el.className = 'pager';
  el.innerHTML = `<span class="muted">共 ${total} 条 · 第 ${page}/${pages} 页</span>
    <button class="secondary" data-go="${page - 1}" ${page <= 1 ? 'disabled' : ''}>上一页</button>
    <button class="secondary" data-go="${page + 1}" ${page >= pages ? 'disabled' : ''}>下一页</button>`;
  el.addEventListener('click', (e) => {
    const p = e.target?.dataset?.go;
    if (p) go(Number(p));
  });
  return el;
}

/** Open alerts per village and severity from the list, where the rules app has no counts endpoint. */
async function countOpenAlerts() {
  const { items } = await api('GET', '/api/v1/alerts?status=open&pageSize=500');
  const rows = new Map();
  const totals = { high: 0, medium: 0, low: 0, total: 0 };
  for (const a of items) {
    const row = rows.get(a.villageCode) ?? { unit: a.villageCode, high: 0, medium: 0, low: 0, total: 0 };
    row[a.severity] += 1;
    row.total += 1;
    totals[a.severity] += 1;
    totals.total += 1;
    rows.set(a.villageCode, row);
  }
  return { items: [...rows.values()], totals };
}

const pages = {
  async overview(main) {
    const [counts, deliveries] = await Promise.all([
      api('GET', '/api/v1/alerts/counts?by=village').catch(() => countOpenAlerts()),
      api('GET', '/api/v1/deliveries/counts').catch(() => null),
    ]);
    const t = counts.totals;
    main.innerHTML = `
      <h2>总览</h2>
      <div class="cards">
        <div class="card"><div class="muted">未办结预警</div><div class="stat" data-testid="open-alerts">${t.total}</div></div>
        <div class="card"><div class="muted">高风险</div><div class="stat high">${t.high}</div></div>
        <div class="card"><div class="muted">中风险</div><div class="stat">${t.medium}</div></div>
        <div class="card"><div class="muted">低风险</div><div class="stat">${t.low}</div></div>
        ${deliveries ? `<div class="card"><div class="muted">消息推送（成功/失败）</div><div class="stat">${esc(deliveries.delivered ?? deliveries.totals?.delivered ?? '—')} / ${esc(deliveries.failed ?? deliveries.totals?.failed ?? '—')}</div></div>` : ''}
      </div>
      <div class="card"><h3>各村未办结预警</h3><div id="alerts-chart" class="chart"></div></div>`;
    if (window.echarts && counts.items.length) {
      const chart = window.echarts.init($('#alerts-chart'));
      const names = counts.items.map((r) => place(r.unit));
      chart.setOption({
        tooltip: { trigger: 'axis' },
        legend: { data: ['高', '中', '低'] },
        xAxis: { type: 'category', data: names },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: '高',
            type: 'bar',
            stack: 'n',
            data: counts.items.map((r) => r.high),
            itemStyle: { color: '#c0392b' },
          },
          {
            name: '中',
            type: 'bar',
            stack: 'n',
            data: counts.items.map((r) => r.medium),
            itemStyle: { color: '#e67e22' },
          },
          {
            name: '低',
            type: 'bar',
            stack: 'n',
            data: counts.items.map((r) => r.low),
            itemStyle: { color: '#95a5a6' },
          },
        ],
      });
    } else $('#alerts-chart').innerHTML = '<p class="muted">暂无未办结预警</p>';
  },

  async alerts(main, params) {
    const status = params.get('status') ?? 'open';
    const page = Number(params.get('page') ?? 1);
    const result = await api(
      'GET',
      `/api/v1/alerts?${new URLSearchParams({ ...(status ? { status } : {}), page, pageSize: 20 })}`,
    );
    main.innerHTML = `
      <h2>风险预警</h2>
      <div class="filters">
        <label>状态 <select id="alert-status">
          ${['open', 'acknowledged', 'resolved', ''].map((s) => `<option value="${s}" ${s === status ? 'selected' : ''}>${s ? label('alertStatus', s) : '全部'}</option>`).join('')}
        </select></label>
      </div>
      ${table(
        ['风险', '村', '等级', '期间', '依据', '状态', '发现时间', '操作'],
        result.items.map((a) => [
          `<strong>${esc(a.title)}</strong><div class="muted">${esc(a.message)}</div>`,
          esc(place(a.villageCode)),
          `<span class="tag ${esc(a.severity)}">${esc(label('severity', a.severity))}</span>`,
          esc(a.period),
          (a.explanation ?? []).map((f) => `${esc(f.label)}：${esc(f.value)}`).join('<br>'),
          `<span data-testid="alert-status">${esc(label('alertStatus', a.status))}</span>`,
          esc(time(a.raisedAt)),
          a.status === 'resolved'
            ? ''
            : `${a.status === 'open' ? `<button data-ack="${esc(a.id)}">确认</button> ` : ''}<button class="secondary" data-resolve="${esc(a.id)}">办结</button>`,
        ]),
        '暂无预警',
      )}`;
    main.append(pager(result, (p) => go('alerts', { status, page: p })));
    $('#alert-status').addEventListener('change', (e) => go('alerts', { status: e.target.value }));
    main.querySelectorAll('[data-ack]').forEach((b) =>
      b.addEventListener('click', async () => {
        await api('POST', `/api/v1/alerts/${b.dataset.ack}/acknowledge`, { note: '已知悉，正在核实' });
        await render();
      }),
    );
    main.querySelectorAll('[data-resolve]').forEach((b) =>
      b.addEventListener('click', async () => {
        const note = window.prompt('办结说明（必填）', '已入户核实并落实帮扶措施');
        if (!note) return;
        await api('POST', `/api/v1/alerts/${b.dataset.resolve}/resolve`, { note });
        await render();
      }),
    );
  },

  async households(main, params) {
    const page = Number(params.get('page') ?? 1);
    const villageCode = params.get('villageCode') ?? '';
    const result = await api(
      'GET',
      `/api/v1/households?${new URLSearchParams({ page, pageSize: 20, ...(villageCode ? { villageCode } : {}) })}`,
    );
    main.innerHTML = `
      <h2>帮扶对象台账</h2>
      <p class="muted">身份证号、电话已脱敏；查看明文需相应权限，且每次查看都会记入审计日志。</p>
      ${table(
        ['户编号', '村', '户类型', '监测类别', '人数', '户主', '身份证号'],
        result.items.map((h) => {
          const head = h.members?.find((m) => m.relation === 'head') ?? h.members?.[0];
          return [
            esc(h.householdNumber),
            esc(place(h.villageCode)),
            esc(label('householdType', h.householdType)),
            esc(label('category', h.monitoringCategory)),
            esc(h.members?.length ?? h.memberCount),
            esc(head?.name),
            `<span data-testid="id-number">${esc(head?.idNumber)}</span>`,
          ];
        }),
      )}`;
    main.append(pager(result, (p) => go('households', { page: p, villageCode })));
  },

  async surveys(main, params) {
    const month = params.get('month') ?? currentMonth(-1);
    const page = Number(params.get('page') ?? 1);
    const result = await api('GET', `/api/v1/surveys?${new URLSearchParams({ month, page, pageSize: 20 })}`);
    main.innerHTML = `
      <h2>走访记录</h2>
      <div class="filters"><label>月份 <input id="survey-month" type="month" value="${esc(month)}" /></label></div>
      ${table(
        ['户', '村', '月份', '走访人', '走访时间', '家庭纯收入(元)', '常住人口', '人均纯收入(元)'],
        result.items.map((s) => [
          esc(s.householdId),
          esc(place(s.villageCode)),
          esc(s.month),
          esc(s.visitor),
          esc(time(s.visitedAt)),
          esc(yuan(s.netIncome)),
          esc(s.residentMembers),
          esc(yuan(s.perCapitaNetIncome)),
        ]),
        '该月暂无走访记录',
      )}`;
    main.append(pager(result, (p) => go('surveys', { month, page: p })));
    $('#survey-month').addEventListener('change', (e) => go('surveys', { month: e.target.value }));
  },

  async coverage(main, params) {
    const month = params.get('month') ?? currentMonth(-1);
    const townCode = params.get('townCode') ?? session.unit?.slice(0, 9) ?? '';
    const result = await api(
      'GET',
      `/api/v1/coverage?${new URLSearchParams({ month, ...(townCode.length === 9 ? { townCode } : {}) })}`,
    );
    const rows = result.items ?? result.villages ?? [];
    main.innerHTML = `
      <h2>走访覆盖</h2>
      <div class="filters"><label>月份 <input id="coverage-month" type="month" value="${esc(month)}" /></label></div>
      ${table(
        ['村', '户数', '已走访', '待走访', '逾期未走访'],
        rows.map((r) => [
          esc(place(r.villageCode)),
          esc(r.households),
          esc(r.surveyed),
          esc(r.due),
          esc(r.overdue),
        ]),
      )}
      <div class="card"><div id="coverage-chart" class="chart"></div></div>`;
    $('#coverage-month').addEventListener('change', (e) => go('coverage', { month: e.target.value }));
    if (window.echarts && rows.length) {
      window.echarts.init($('#coverage-chart')).setOption({
        tooltip: { trigger: 'axis' },
        legend: { data: ['已走访', '待走访', '逾期未走访'] },
        xAxis: { type: 'category', data: rows.map((r) => place(r.villageCode)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: '已走访',
            type: 'bar',
            stack: 'n',
            data: rows.map((r) => r.surveyed),
            itemStyle: { color: '#27ae60' },
          },
          {
            name: '待走访',
            type: 'bar',
            stack: 'n',
            data: rows.map((r) => r.due),
            itemStyle: { color: '#f1c40f' },
          },
          {
            name: '逾期未走访',
            type: 'bar',
            stack: 'n',
            data: rows.map((r) => r.overdue),
            itemStyle: { color: '#c0392b' },
          },
        ],
      });
    }
  },

  async projects(main, params) {
    const page = Number(params.get('page') ?? 1);
    const result = await api('GET', `/api/v1/projects?${new URLSearchParams({ page, pageSize: 20 })}`);
    main.innerHTML = `
      <h2>产业帮扶项目</h2>
      ${table(
        ['项目', '类型', '村', '经营主体', '开始日期'],
        result.items.map((p) => [
          esc(p.name),
          esc(p.type),
          esc(place(p.villageCode)),
          esc(p.owner?.name ?? p.owner),
          esc(p.startDate ?? p.startsOn),
        ]),
      )}`;
    main.append(pager(result, (p) => go('projects', { page: p })));
  },

  // 驻村考勤月报: every team in the user's units, each member's on-post days against the requirement
  // and the patterns the town and the discipline office follow up.
  async attendance(main, params) {
    const month = params.get('month') ?? currentMonth(-1);
    const teams = await api('GET', '/api/v1/teams?pageSize=200');
    const reports = await Promise.all(
      teams.items.map((t) =>
        api('GET', `/api/v1/attendance/team-summary?${new URLSearchParams({ teamId: t.id, month })}`),
      ),
    );
    const days = (list) => (list.length ? `${list.length} 天` : '—');
    const rows = reports.flatMap((r) =>
      r.members.map((m) => [
        esc(villageNames.get(r.villageCode) ?? r.teamName),
        esc(m.name),
        esc(label('memberRole', m.role)),
        `${esc(m.onPostDays)} / ${esc(m.requiredDays)}`,
        m.meetsRequirement
          ? '<span class="tag">达标</span>'
          : `<span class="tag high">差 ${esc(m.shortfall)} 天</span>`,
        esc(days(m.missingDays)),
        esc(days(m.patternDays.morning_evening_only)),
        esc(days(m.patternDays.commuting)),
        esc(days(m.patternDays.shared_device)),
        esc(days(m.excusedDays)),
      ]),
    );
    main.innerHTML = `
      <h2>驻村考勤</h2>
      <div class="filters"><label>月份 <input id="attendance-month" type="month" value="${esc(month)}" /></label></div>
      ${table(
        [
          '工作队',
          '队员',
          '职务',
          '在岗/应在岗(天)',
          '是否达标',
          '缺勤',
          '早晚打卡、白天不见人',
          '走读',
          '设备他人使用',
          '请假/公出',
        ],
        rows,
        '该月暂无驻村工作队考勤',
      )}
      <div class="card"><div id="attendance-chart" class="chart"></div></div>`;
    $('#attendance-month').addEventListener('change', (e) => go('attendance', { month: e.target.value }));
    const members = reports.flatMap((r) =>
      r.members.map((m) => ({
        ...m,
        village: villageNames.get(r.villageCode) ?? r.teamName.replace(/驻村工作队$/, ''),
      })),
    );
    if (window.echarts && members.length) {
      window.echarts.init($('#attendance-chart')).setOption({
        tooltip: { trigger: 'axis' },
        legend: { data: ['在岗天数', '应在岗天数'] },
        xAxis: {
          type: 'category',
          data: members.map((m) => `${m.village} ${m.name}`),
          axisLabel: { rotate: 30 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: '在岗天数',
            type: 'bar',
            data: members.map((m) => ({
              value: m.onPostDays,
              itemStyle: { color: m.meetsRequirement ? '#27ae60' : '#c0392b' },
            })),
          },
          { name: '应在岗天数', type: 'line', step: 'middle', data: members.map((m) => m.requiredDays) },
        ],
      });
    }
  },

  async deliveries(main, params) {
    const status = params.get('status') ?? '';
    const page = Number(params.get('page') ?? 1);
    const result = await api(
      'GET',
      `/api/v1/deliveries?${new URLSearchParams({ page, pageSize: 20, ...(status ? { status } : {}) })}`,
    );
    main.innerHTML = `
      <h2>推送记录</h2>
      <div class="filters"><label>状态 <select id="delivery-status">
        ${['', 'delivered', 'failed'].map((s) => `<option value="${s}" ${s === status ? 'selected' : ''}>${s ? label('delivery', s) : '全部'}</option>`).join('')}
      </select></label></div>
      ${table(
        ['渠道', '接收方', '状态', '尝试次数', '时间'],
        result.items.map((d) => [
          esc(d.channel),
          esc(d.recipient ?? d.orgUnit ?? d.target),
          esc(label('delivery', d.status)),
          esc(d.attempts ?? d.attemptCount),
          esc(time(d.updatedAt ?? d.createdAt)),
        ]),
      )}`;
    main.append(pager(result, (p) => go('deliveries', { status, page: p })));
    $('#delivery-status').addEventListener('change', (e) => go('deliveries', { status: e.target.value }));
  },
};

// ---- routing ---------------------------------------------------------------------------------
function go(page, params = {}) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null));
  location.hash = `#/${page}${q.size ? `?${q}` : ''}`;
}

async function render() {
  const [, name = 'overview', query = ''] = location.hash.match(/^#\/(\w+)\??(.*)$/) ?? [];
  const page = pages[name] ? name : 'overview';
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === page));
  const main = $('#page');
  $('#page-error').textContent = '';
  main.innerHTML = '<p class="muted">加载中…</p>';
  try {
    await pages[page](main, new URLSearchParams(query));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    main.innerHTML = '';
    $('#page-error').textContent =
      e instanceof ApiError && e.status === 404 ? '该功能暂未开放或您无权查看' : `加载失败：${e.message}`;
  }
}

function showLogin(message = '') {
  $('#shell').hidden = true;
  $('#login').hidden = false;
  $('#login-error').textContent = message;
}

async function showShell() {
  $('#login').hidden = true;
  $('#shell').hidden = false;
  $('#whoami').textContent = session.username;
  await loadOrgUnits();
  await render();
}

$('#login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const res = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    $('#login-error').textContent = res.status === 429 ? '尝试次数过多，请稍后再试' : '用户名或密码错误';
    return;
  }
  saveSession({
    username: form.get('username'),
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
  });
  try {
    const me = await api('GET', '/api/v1/auth/me');
    saveSession({ ...session, unit: me.roles?.[0]?.unit });
  } catch {
    /* the shell still works without it */
  }
  await showShell();
});

$('#logout').addEventListener('click', async () => {
  if (session?.refreshToken)
    await fetch('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    }).catch(() => undefined);
  saveSession(null);
  showLogin();
});

window.addEventListener('hashchange', () => session && render());
if (session) showShell();
else showLogin();
