# A shell inside a container. At a terminal, `kubectl exec -it web -- sh` opens one: a prompt,
# each line run in the container, `exit` to leave. This script is piped, so there is no terminal:
# kubectl says it cannot use a TTY and the shell reads the script's lines from stdin instead.
cat > web.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
YAML
kubectl apply -f web.yaml
kubectl run box --image=busybox:1.36 -- sleep 3600
kubectl expose pod web --port=80
lab step 30s
# The shell keeps its directory and variables from one line to the next; `exit 3` is kubectl's status.
kubectl exec -it web -- sh <<'EOF'
cd /etc/nginx
pwd
cat nginx.conf | head -3
grep -c location conf.d/default.conf
export GREETING=hello
echo $GREETING from $(hostname)
cd nowhere
exit 3
EOF
echo "kubectl exited with $?"
# What an exec'd process writes stays in the container; the next exec finds it.
kubectl exec web -- sh -c 'cd /tmp && echo note > left-here'
kubectl exec web -- cat /tmp/left-here
# From a busybox Pod: the Service by name, and a pipe through head.
kubectl exec box -- sh -c 'wget -qO- web | head -4'
kubectl exec -i box -- sh <<'EOF'
cd /etc
ls | grep host
cd ~ && pwd
EOF
# `kubectl run -it --rm` starts a Pod whose shell reads its terminal, attaches to it, and deletes
# the Pod when the shell exits. Piped here, the lines are typed into the container's terminal.
kubectl run -it --rm tmp --image=busybox:1.36 --restart=Never -- sh <<'EOF'
nslookup web
wget -qO- web:80 | grep title
exit
EOF
kubectl get pod tmp
