# Troubleshooting a Pod from the outside: logs, exec, cp and top.
# A Pod with an init container, an app that ticks every 5 seconds and a sidecar.
cat > multi.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: multi
  labels:
    app: multi
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ['sh', '-c', 'echo preparing']
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 5; done']
  - name: sidecar
    image: busybox:1.36
    command: ['sh', '-c', 'echo sidecar up; sleep 3600']
YAML
kubectl apply -f multi.yaml -f nginx-pod.yaml
# Too early: the containers are still being created.
kubectl logs nginx-pod
lab step 30s
# Several containers: kubectl picks the first one and says so.
kubectl logs multi
kubectl logs multi -c sidecar
kubectl logs multi --all-containers --prefix --tail=1
kubectl logs -l app=multi -c app --tail=2 --timestamps
kubectl logs multi -c nope
# A Deployment's logs come from one of its Pods.
kubectl create deployment web --image=nginx:1.25 --replicas=2
lab step 30s
kubectl logs deploy/web --tail=2
# A Pod that runs to completion: -f follows it until it exits.
cat > short.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: short
spec:
  restartPolicy: Never
  containers:
  - name: job
    image: busybox:1.36
    command: ['sh', '-c', 'echo one; sleep 5; echo two; sleep 5; echo three']
YAML
kubectl apply -f short.yaml
lab step 3s
kubectl logs -f short
# exec runs a command in a container; its exit code comes back.
kubectl exec nginx-pod -- cat /etc/hostname
kubectl exec multi -c sidecar -- sh -c 'echo in the sidecar; exit 3'
echo "status: $?"
kubectl exec nginx-pod ls
kubectl exec deploy/web -- hostname
echo 'echo piped into sh' | kubectl exec -i nginx-pod -- sh
kubectl exec short -- ls
# cp moves files through tar in the container.
echo 'server_tokens off;' > extra.conf
kubectl cp extra.conf nginx-pod:/tmp
kubectl exec nginx-pod -- cat /tmp/extra.conf
kubectl cp nginx-pod:/etc/hostname ./hostname.txt
cat hostname.txt
kubectl cp nginx-pod:/no/such/file ./x
echo "status: $?"
# top reads metrics-server's numbers.
lab step 60s
kubectl top nodes
kubectl top pods
kubectl top pod multi --containers
kubectl top pods -A --sort-by=memory --sum
kubectl top pod --sort-by=name
