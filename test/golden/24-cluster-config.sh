# Where kubectl points: the kubeconfig, its contexts, and what the cluster serves.
kubectl config view
kubectl config get-contexts
kubectl config current-context
# Someone points the cluster at a wrong address: every command now fails to connect.
kubectl config set-cluster kubernetes --server=https://10.0.0.99:6443
kubectl get nodes
echo "exit: $?"
kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}'
echo
# Fix it, and kubectl reaches the API server again.
kubectl config set clusters.kubernetes.server https://192.168.200.10:6443
kubectl get nodes
lab step 30s
# A context per namespace saves typing -n.
kubectl create namespace dev
kubectl config set-context dev --cluster=kubernetes --user=kubernetes-admin --namespace=dev
kubectl config use-context dev
kubectl config get-contexts
kubectl create deployment web --image=nginx:1.25
lab step 30s
kubectl get pods
kubectl config set-context --current --namespace=default
kubectl config use-context kubernetes-admin@kubernetes
kubectl config delete-context dev
kubectl config view --minify
# Who am I, and what may I (or someone else) do?
kubectl auth whoami
kubectl auth can-i create deployments
kubectl auth can-i list nodes
kubectl create serviceaccount viewer -n dev
kubectl create rolebinding viewer --clusterrole=view --serviceaccount=dev:viewer -n dev
kubectl auth can-i list pods -n dev --as=system:serviceaccount:dev:viewer
kubectl auth can-i delete pods -n dev --as=system:serviceaccount:dev:viewer
echo "exit: $?"
kubectl auth can-i --list -n dev --as=system:serviceaccount:dev:viewer | head -8
# What the API server serves, and how its objects are documented.
kubectl api-resources --api-group=apps
kubectl api-resources --namespaced=false -o name | head -5
kubectl api-versions
kubectl cluster-info
kubectl explain deployment.spec.strategy
kubectl explain pod.spec.containers.ports --recursive
kubectl explain pod.spec.nosuchfield
# Kustomize: a base and a production overlay, built and applied with -k.
mkdir -p app/base app/prod
cat > app/base/kustomization.yaml <<'YAML'
resources:
- deployment.yaml
configMapGenerator:
- name: web-config
  literals:
  - COLOR=blue
YAML
kubectl create deployment web --image=nginx:1.25 --dry-run=client -o yaml > app/base/deployment.yaml
cat > app/prod/kustomization.yaml <<'YAML'
namespace: dev
namePrefix: prod-
resources:
- ../base
images:
- name: nginx
  newTag: "1.26"
YAML
kubectl kustomize app/prod
kubectl apply -k app/prod
lab step 30s
kubectl get -k app/prod
kubectl delete -k app/prod
