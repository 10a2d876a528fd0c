#!/usr/bin/env bash
# Brings up the whole platform with the demo town loaded, and tells where to look.
#   bash scripts/demo.sh        (npm run demo)       start infrastructure, build, start apps, load the demo town
#   bash scripts/demo.sh stop   (npm run demo:stop)  stop the apps (infrastructure: deploy/local/infra.sh down)
# The town is the seed report's (1,144 households / 3,534 people); DEMO_TOWN_SIZE=small loads 60 households.
set -euo pipefail
STARTED=$(date +%s)
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Node.js 24 LTS first on PATH (installed into .local/node when the machine has another node)
source deploy/local/node.sh
ROOT=$PWD
RUN=$ROOT/.local/run/apps
LOGS=$ROOT/.local/logs/apps
mkdir -p "$RUN" "$LOGS"

APPS=(households:3001 monitoring:3002 projects:3003 supervision:3004 rules:3005 notifier:3006 requests:3007 gateway:8080)
# the demo county administrator (created by the gateway at first start; printed below)
export GATEWAY_ADMIN_USERNAME=${GATEWAY_ADMIN_USERNAME:-demo-admin}
export GATEWAY_ADMIN_PASSWORD=${GATEWAY_ADMIN_PASSWORD:-demo-admin-2026}
export GATEWAY_ADMIN_UNIT=${GATEWAY_ADMIN_UNIT:-621299}
INBOX_PORT=${DEMO_INBOX_PORT:-3099}
# supervision's DingTalk app (钉钉事件订阅): token, EncodingAESKey and owner key (the app's AppKey), made once
# per checkout in .local/demo/dingtalk.env; export DINGTALK_TOKEN/_AES_KEY/_OWNER_KEY to use a real test app's
DINGTALK_ENV=$ROOT/.local/demo/dingtalk.env

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_all() {
  for f in "$RUN"/*.pid; do
    [[ -e $f ]] || continue
    if alive "$f"; then
      kill -TERM "$(cat "$f")" 2>/dev/null || true
      for _ in $(seq 1 300); do alive "$f" || break; sleep 0.1; done
    fi
    rm -f "$f"
  done
  echo "apps stopped (infrastructure still up: bash deploy/local/infra.sh down)"
}

if [[ ${1:-} == stop ]]; then stop_all; exit 0; fi

if [[ ! -f $DINGTALK_ENV ]]; then
  mkdir -p "$(dirname "$DINGTALK_ENV")"
  node -e 'const c = require("node:crypto");
    console.log(`DINGTALK_TOKEN=demo${c.randomBytes(8).toString("hex")}`);
    const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    console.log(`DINGTALK_AES_KEY=${Array.from({ length: 43 }, () => abc[c.randomInt(62)]).join("")}`);
    console.log("DINGTALK_OWNER_KEY=dingdemoappkey");' >"$DINGTALK_ENV"
fi
dingtalk_setting() { grep -m1 "^$1=" "$DINGTALK_ENV" | cut -d= -f2-; }
DINGTALK_TOKEN=${DINGTALK_TOKEN:-$(dingtalk_setting DINGTALK_TOKEN)}
DINGTALK_AES_KEY=${DINGTALK_AES_KEY:-$(dingtalk_setting DINGTALK_AES_KEY)}
DINGTALK_OWNER_KEY=${DINGTALK_OWNER_KEY:-$(dingtalk_setting DINGTALK_OWNER_KEY)}

bash deploy/local/infra.sh up
bash scripts/ensure-deps.sh
npm run --silent build

if ! alive "$RUN/webhook-inbox.pid"; then
  PORT=$INBOX_PORT nohup node dist/scripts/demo/webhook-inbox.js >>"$LOGS/webhook-inbox.log" 2>&1 &
  echo $! >"$RUN/webhook-inbox.pid"
fi

for entry in "${APPS[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  if alive "$RUN/$name.pid"; then echo "$name: already running"; continue; fi
  app_env=()
  [[ $name == supervision ]] &&
    app_env=(DINGTALK_TOKEN="$DINGTALK_TOKEN" DINGTALK_AES_KEY="$DINGTALK_AES_KEY" DINGTALK_OWNER_KEY="$DINGTALK_OWNER_KEY")
  # the public request form's verification codes go to the demo's SMS sink (the inbox prints them)
  [[ $name == requests ]] &&
    app_env=(REQUESTS_SMS_GATEWAY_URL="http://127.0.0.1:$INBOX_PORT/sms" REQUESTS_SMS_APP_KEY=demo REQUESTS_SMS_SECRET=demo-sms-secret)
  env "${app_env[@]}" PORT=$port NOTIFIER_WEBHOOK_URL="http://127.0.0.1:$INBOX_PORT/hook" \
    nohup node "dist/apps/$name/src/main.js" >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
done

for entry in "${APPS[@]}"; do
  name=${entry%%:*}
  port=${entry##*:}
  deadline=$((SECONDS + 90))
  until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if ! alive "$RUN/$name.pid"; then echo "error: $name exited; last log lines:" >&2; tail -n 30 "$LOGS/$name.log" >&2; exit 1; fi
    (( SECONDS < deadline )) || { echo "error: $name not ready in 90 s; see $LOGS/$name.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "$name: ready on http://127.0.0.1:$port"
done

node dist/scripts/demo/seed-demo-town.js
# one user per role (idempotent); stdout is the sign-in table printed below
ACCOUNTS=$(node dist/scripts/demo/seed-users.js)

cat <<MSG

防返贫监测平台 演示已启动 (demo platform is up)
  ▶ 控制台 web console:  http://127.0.0.1:8080/   登录 sign in as any role:
$(sed 's/^/      /' <<<"$ACCOUNTS")
  接口文档 API docs:     http://127.0.0.1:8080/api/docs (gateway) · http://127.0.0.1:300N/api/docs (each app)
  风险预警 alerts:       http://127.0.0.1:3005/api/v1/alerts?status=open
  监测线 thresholds:     http://127.0.0.1:3002/api/v1/thresholds
  帮扶对象 households:   http://127.0.0.1:3001/api/v1/households
  走访记录 surveys:      http://127.0.0.1:3002/api/v1/surveys
  产业帮扶 projects:     http://127.0.0.1:3003/api/v1/projects  (进度 progress: /api/v1/projects/progress)
  推送记录 deliveries:   http://127.0.0.1:3006/api/v1/deliveries
  驻村考勤 work teams:   http://127.0.0.1:3004/api/v1/teams  (月报 team month: /api/v1/attendance/team-summary?teamId=…&month=YYYY-MM)
  群机器人收件箱 robot inbox log: $LOGS/webhook-inbox.log  (短信验证码 also: the public 民事直说 form's codes)
  民事直说 public form (no sign-in): http://127.0.0.1:8080/public/resident-request?village=621299101201&name=三联村
  网关 gateway (all of the above through one door, with sign-in): http://127.0.0.1:8080/api/v1/…
    演示县管理员 demo county admin: $GATEWAY_ADMIN_USERNAME / $GATEWAY_ADMIN_PASSWORD (unit $GATEWAY_ADMIN_UNIT)
    TOKEN=\$(curl -s -XPOST http://127.0.0.1:8080/api/v1/auth/login -H 'content-type: application/json' \\
      -d '{"username":"$GATEWAY_ADMIN_USERNAME","password":"$GATEWAY_ADMIN_PASSWORD"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')
    curl -H "authorization: Bearer \$TOKEN" 'http://127.0.0.1:8080/api/v1/alerts?status=open'
  (every app checks the token; the addresses above on 3001-3006 answer 401 without one)
Stop: npm run demo:stop   ·   infrastructure: bash deploy/local/infra.sh down
  钉钉回调 DingTalk callback (事件订阅, HTTP 推送): 经网关、无需登录，签名与加密由驻村督管服务校验
    回调地址 callback URL: http://127.0.0.1:8080/api/v1/integrations/dingtalk/callback
      (钉钉开发者后台需公网可达的地址：把网关 8080 端口映射到公网后填入 / expose port 8080 publicly for a real DingTalk app)
    签名 token: $DINGTALK_TOKEN
    加密 aes_key (EncodingAESKey): $DINGTALK_AES_KEY
    owner key (应用 AppKey): $DINGTALK_OWNER_KEY    (export DINGTALK_TOKEN/DINGTALK_AES_KEY/DINGTALK_OWNER_KEY before npm run demo for your own app)
    试一试 try it: node dist/scripts/demo/dingtalk-callback.js   (以钉钉身份发送签名加密的 check_url 事件 / plays DingTalk's check_url)
MSG
echo
echo "演示就绪 demo ready: $(( $(date +%s) - STARTED )) s after npm run demo started (apps up, demo town loaded, read models caught up)"
