#!/usr/bin/env bash
# Starts etcd and the pinned kube-apiserver on 127.0.0.1 only, each on a free high port,
# with a generated CA and serving certificate and a static token, and waits until the
# server answers /readyz. Everything the run needs or writes lives in STATE_DIR:
#
#   server.json   {"url", "token", "ca", "version"} for scripts/apiserver/apply.ts and tests
#   kubeconfig    the same for kubectl, if one is at hand
#   *.pid, *.log  the two processes, stopped by stop.sh STATE_DIR
#
# Usage: start.sh STATE_DIR   (the folder is created; stop.sh removes it)
#
# kube-apiserver comes from build.sh (built once into a cache, then reused). etcd is
# Debian's etcd-server, installed with apt-get when no `etcd` is on the PATH.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
state=${1:?usage: start.sh STATE_DIR}
mkdir -p "$state"
state=$(cd "$state" && pwd)

"$here/etcd.sh" >/dev/null
apiserver=$("$here/build.sh")
version=$(awk '$1 == "require" && $2 == "k8s.io/kubernetes" { print $3 }' "$here/go.mod")

# Free high ports on 127.0.0.1, chosen by the kernel (port 0) and released at once.
free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Certificates: a CA, a serving certificate for 127.0.0.1/localhost, and the key pair
# that signs service account tokens.
(
  cd "$state"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=cdk8s-workloads-check-ca" \
    -keyout ca.key -out ca.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout serving.key -out serving.csr 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > serving.ext
  openssl x509 -req -in serving.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
    -extfile serving.ext -out serving.crt 2>/dev/null
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
)
token=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
# A static token for a member of system:masters (all rights under RBAC).
printf '%s,cdk8s-workloads-check,cdk8s-workloads-check,"system:masters"\n' "$token" > "$state/tokens.csv"
chmod 600 "$state/tokens.csv" "$state"/*.key

start_etcd() {
  etcd_client=$(free_port)
  etcd_peer=$(free_port)
  etcd --name check --data-dir "$state/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_client" --advertise-client-urls "http://127.0.0.1:$etcd_client" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "check=http://127.0.0.1:$etcd_peer" --log-level warn \
    >"$state/etcd.log" 2>&1 &
  echo $! > "$state/etcd.pid"
}

start_apiserver() {
  port=$(free_port)
  # PodSecurity is on by default in 1.28; it is named so that the check never silently
  # runs without it. Privileged containers are allowed, as kubeadm's clusters allow them,
  # so that Pod Security, not this flag, is what refuses them. No controller-manager runs: nothing is ever scheduled or reconciled,
  # and only dry-run requests reach the server besides namespaces, CRDs and
  # ServiceAccounts. SidecarContainers is alpha (off) in 1.28: the library's native sidecars
  # (WebApp `sidecar: true`, JobGraph `nativeSidecars`) are an opt-in documented as needing
  # it, so the check judges them as a cluster with the gate on does.
  "$apiserver" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$port" \
    --etcd-servers="http://127.0.0.1:$etcd_client" \
    --tls-cert-file="$state/serving.crt" --tls-private-key-file="$state/serving.key" \
    --token-auth-file="$state/tokens.csv" --authorization-mode=RBAC \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$state/sa.pub" --service-account-signing-key-file="$state/sa.key" \
    --service-cluster-ip-range=10.96.0.0/16 \
    --enable-admission-plugins=PodSecurity --allow-privileged=true \
    --profiling=false --enable-priority-and-fairness=false \
    --feature-gates=SidecarContainers=true \
    >"$state/apiserver.log" 2>&1 &
  echo $! > "$state/apiserver.pid"
}

alive() { kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

# A port picked free can be taken before the process binds it; then it exits at once
# and is started again on other ports.
for attempt in 1 2 3; do
  start_etcd
  for _ in $(seq 1 50); do
    alive etcd || break
    if curl -sf "http://127.0.0.1:$etcd_client/health" >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  if alive etcd && curl -sf "http://127.0.0.1:$etcd_client/health" >/dev/null 2>&1; then break; fi
  kill "$(cat "$state/etcd.pid")" 2>/dev/null || true
  if [ "$attempt" = 3 ]; then
    echo "start.sh: etcd did not start; its log:" >&2
    tail -20 "$state/etcd.log" >&2
    exit 1
  fi
done

url=""
for attempt in 1 2 3; do
  start_apiserver
  url="https://127.0.0.1:$port"
  code=000
  for _ in $(seq 1 600); do
    alive apiserver || break
    code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$state/ca.crt" \
      -H "Authorization: Bearer $token" "$url/readyz" || true)
    [ "$code" = 200 ] && break
    sleep 0.2
  done
  if alive apiserver && [ "$code" = 200 ]; then break; fi
  kill "$(cat "$state/apiserver.pid")" 2>/dev/null || true
  if [ "$attempt" = 3 ] || ! grep -q 'address already in use' "$state/apiserver.log"; then
    echo "start.sh: kube-apiserver did not become ready at $url/readyz; the end of its log:" >&2
    tail -30 "$state/apiserver.log" >&2
    exit 1
  fi
done

cat > "$state/server.json" <<EOF
{"url": "$url", "token": "$token", "ca": "$state/ca.crt", "version": "$version"}
EOF
cat > "$state/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: check
  cluster: {server: "$url", certificate-authority: "$state/ca.crt"}
users:
- name: check
  user: {token: "$token"}
contexts:
- name: check
  context: {cluster: check, user: check}
current-context: check
EOF
chmod 600 "$state/server.json" "$state/kubeconfig"
echo "kube-apiserver $version ready at $url (state in $state)"
