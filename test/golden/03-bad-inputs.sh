# Bad input gets a clear, Kubernetes-style error, and the lab keeps working after each one.
cat > broken.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: broken
spec:
  containers:
  - name: web
     image: nginx
YAML
kubectl apply -f broken.yaml
echo "exit: $?"
kubectl apply -f nope.yaml
echo "exit: $?"
cat nope.yaml
echo "exit: $?"
kubeclt get pods
echo "exit: $?"
cat > noimage.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: noimage
spec:
  containers:
  - name: web
YAML
kubectl apply -f noimage.yaml
echo "exit: $?"
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: lost
  namespace: nowhere
spec:
  containers:
  - name: web
    image: nginx:1.25
YAML
echo "exit: $?"
kubectl apply -f - <<'YAML'
metadata:
  name: nokind
YAML
kubectl get pod missing
kubectl get foos
kubectl get pods --bogus
kubectl get
kubectl delete pod
kubectl frobnicate
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: Bad_Name
spec:
  containers:
  - name: web
    image: nginx:1.25
YAML
cat > typo.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: web
    imagee: nginx:1.25
YAML
kubectl apply -f typo.yaml
echo "exit: $?"
echo "still working:"
kubectl apply -f nginx-pod.yaml
lab step 10s
kubectl get pods
