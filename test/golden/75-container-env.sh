# A container's environment from ConfigMaps, Secrets and the Pod's own fields (envFrom, valueFrom),
# fixed when the container is created; a missing ConfigMap holds the start until it exists.
kubectl create ns dev
kubectl -n dev create configmap app-cfg --from-literal=MODE=prod --from-literal=LEVEL=3 --from-literal=bad.key-1=x --from-literal=1bad=y
kubectl -n dev create secret generic db --from-literal=password=s3cr3t
cat > pod.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: dev
  labels:
    tier: web
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo mode=$MODE pass=$PASS; sleep 3600"]
    envFrom:
    - configMapRef:
        name: app-cfg
      prefix: CFG_
    - configMapRef:
        name: app-cfg
    env:
    - name: PASS
      valueFrom:
        secretKeyRef:
          name: db
          key: password
    - name: GREETING
      value: "mode is $(MODE) and $(NOPE)"
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: POD_IP
      valueFrom:
        fieldRef:
          fieldPath: status.podIP
    - name: NODE
      valueFrom:
        fieldRef:
          fieldPath: spec.nodeName
    - name: TIER
      valueFrom:
        fieldRef:
          fieldPath: metadata.labels['tier']
    - name: MEM_LIMIT_MI
      valueFrom:
        resourceFieldRef:
          resource: limits.memory
          divisor: 1Mi
    - name: CPU_REQ
      valueFrom:
        resourceFieldRef:
          resource: requests.cpu
          divisor: 1m
    resources:
      requests:
        cpu: 250m
        memory: 64Mi
      limits:
        memory: 128Mi
Y
kubectl apply -f pod.yaml
lab step 30s
kubectl -n dev logs app
kubectl -n dev exec app -- env
kubectl -n dev get events --field-selector reason=InvalidEnvironmentVariableNames -o custom-columns=MESSAGE:.message
cat > broken.yaml <<'Y'
apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    env:
    - name: X
      valueFrom:
        configMapKeyRef:
          name: missing
          key: k
Y
kubectl apply -f broken.yaml
lab step 20s
kubectl get pod broken
kubectl describe pod broken | sed -n '/State:/,/Ready:/p'
kubectl describe pod broken | tail -8
kubectl create configmap missing --from-literal=k=v
lab step 20s
kubectl get pod broken
kubectl exec broken -- printenv X
# The environment was fixed at creation: changing the ConfigMap does not reach the running container.
kubectl -n dev patch configmap app-cfg -p '{"data":{"MODE":"staging"}}'
kubectl -n dev exec app -- printenv MODE
