# What containers read and share: a Pod's command reading its mounted ConfigMap and Secret (with
# $(…)), a logging sidecar tailing the file the app appends to in a shared emptyDir, an init
# container writing the page nginx serves, and kubectl run --overrides.
kubectl create configmap game --from-literal=lives=3 --from-literal=level=easy
kubectl create secret generic db --from-literal=user=admin
cat > reader.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  containers:
  - name: reader
    image: busybox:1.36
    command: ["sh", "-c", "ls /etc/game; echo \"lives=$(cat /etc/game/lives) user=$(cat /run/db/user)\"; wc -l < /etc/game/level; sleep 3600"]
    volumeMounts:
    - {name: game, mountPath: /etc/game}
    - {name: db, mountPath: /run/db, readOnly: true}
  volumes:
  - name: game
    configMap: {name: game}
  - name: db
    secret: {secretName: db}
Y
cat > logging.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox:1.36
    command: ["sh", "-c", "i=0; while true; do echo \"$i: $(date)\" >> /var/log/1.log; i=$((i+1)); sleep 1; done"]
    volumeMounts:
    - {name: varlog, mountPath: /var/log}
  - name: count-log-1
    image: busybox:1.36
    command: ["sh", "-c", "tail -n+1 -F /var/log/1.log"]
    volumeMounts:
    - {name: varlog, mountPath: /var/log}
  volumes:
  - name: varlog
    emptyDir: {}
Y
cat > site.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: site
  labels: {app: site}
spec:
  initContainers:
  - name: init
    image: busybox:1.36
    command: ["sh", "-c", "echo '<h1>written by init</h1>' > /work/index.html"]
    volumeMounts:
    - {name: html, mountPath: /work}
  containers:
  - name: nginx
    image: nginx:1.25
    volumeMounts:
    - {name: html, mountPath: /usr/share/nginx/html}
  volumes:
  - name: html
    emptyDir: {}
Y
kubectl apply -f reader.yaml -f logging.yaml -f site.yaml
kubectl expose pod site --port=80
kubectl wait --for=condition=Ready pod/reader pod/counter pod/site --timeout=60s
sleep 5
kubectl logs reader
kubectl logs counter -c count-log-1 | head -3
kubectl exec counter -c count-log-1 -- sh -c 'ls /var/log; head -n 1 /var/log/1.log'
kubectl run client --image=busybox:1.36 --rm -i --restart=Never -- wget -qO- site
kubectl run pinned --image=busybox:1.36 --dry-run=client -o yaml --overrides='{"spec":{"nodeName":"node01","containers":[{"name":"pinned","image":"busybox:1.36","command":["sleep","3600"]}]}}'
kubectl run bad --image=busybox:1.36 --overrides='{"spec":'
