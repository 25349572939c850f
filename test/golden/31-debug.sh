# kubectl debug: troubleshooting a Pod whose image has no tools, a copy of a Pod, and a node.
# The web Pod runs nginx; its image has no ps, no wget. An ephemeral container brings busybox in.
cat > web.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: app
    image: nginx:1.27
YAML
kubectl apply -f web.yaml
lab step 30s
# An ephemeral container added to the running Pod (no restart): kubectl names it debugger-xxxxx.
# Without -i it just starts; --target names the container whose processes it should see.
kubectl debug web --image=busybox:1.36 --target=app -- sleep 3600
lab step 30s
kubectl get pod web
kubectl get pod web -o jsonpath='{.spec.ephemeralContainers[0].targetContainerName}{"\n"}'
kubectl get pod web -o jsonpath='{.status.ephemeralContainerStatuses[0].state}{"\n"}'
# Choosing the name with -c makes it easy to exec into; the ephemeral container shares the Pod's network.
kubectl debug web --image=busybox:1.36 -c tools --profile=general -- sleep 3600
lab step 30s
kubectl exec web -c tools -- wget -qO- localhost | head -4
kubectl describe pod web | grep -A 12 'Ephemeral Containers:'
# Ephemeral containers can be added, never changed or removed, and never restarted.
kubectl debug web --image=busybox:1.36 -c app --profile=general
# -it attaches to the new container's shell. This script is piped, so there is no terminal:
# the shell reads the lines below as if they were typed.
kubectl debug -it web --image=busybox:1.36 -c shell --profile=general <<'EOF'
echo inside $(hostname)
exit
EOF
lab step 30s
# A copy of the Pod with the app container's command replaced by a shell: for a Pod that crashes at start.
kubectl debug web --copy-to=web-debug --container=app --profile=general -- sleep 1d
lab step 30s
kubectl get pods
kubectl get pod web-debug -o jsonpath='{.spec.shareProcessNamespace} {.spec.containers[0].command}{"\n"}'
# --set-image changes images in the copy; nginx:alpine is built on Alpine, with busybox's tools.
kubectl debug web --copy-to=web-alpine --set-image=app=nginx:alpine
lab step 30s
kubectl exec web-alpine -- ls /nope
# Mistakes kubectl catches before asking the API server.
kubectl debug web
kubectl debug web --image=busybox -t
kubectl debug web --copy-to=x --target=app --image=busybox
kubectl debug svc/kubernetes --image=busybox --profile=general
# Debugging a node: a Pod on it in the host's namespaces, tolerating every taint, the node's / at /host.
kubectl debug node/controlplane --image=busybox:1.36 --profile=sysadmin -- sleep 3600
lab step 30s
kubectl get pods -o wide | grep node-debugger
kubectl get pod -l '!app' -o jsonpath='{.items[0].spec.hostPID} {.items[0].spec.hostNetwork} {.items[0].spec.volumes[0].hostPath.path}{"\n"}'
# The node's files through /host: the static Pod manifests and the kubelet's configuration.
DEBUGGER=$(kubectl get pod -l '!app' -o name)
kubectl exec $DEBUGGER -- ls /host/etc/kubernetes/manifests
kubectl exec $DEBUGGER -- grep -c static /host/var/lib/kubelet/config.yaml
