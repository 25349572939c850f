# Node maintenance: label and taint nodes, then take node01 out of service with cordon and drain
# (DaemonSet Pods, an unmanaged Pod, a PodDisruptionBudget that makes drain retry), and bring it back.
kubectl get nodes
# A Deployment spread over the workers, a bare Pod and a budget that keeps one web Pod available.
kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
YAML
kubectl apply -f nginx-pod.yaml
kubectl apply -f - <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
YAML
lab step 30s
kubectl wait --for=condition=Available deployment/web
kubectl get pods -o wide
# Labels: add one, refuse to overwrite it without --overwrite, list them, remove it.
kubectl label node node01 disk=ssd
kubectl label node node01 disk=hdd
kubectl label node node01 disk=hdd --overwrite
kubectl get nodes -l disk=hdd
kubectl label node node01 disk-
kubectl annotate node node01 maintenance="kernel upgrade"
# Taints repel new Pods without touching the running ones.
kubectl taint nodes node01 maintenance=planned:NoSchedule
kubectl taint nodes node01 maintenance=planned:NoSchedule
kubectl taint nodes node01 maintenance=planned:Sometimes
kubectl describe node node01 | grep Taints
kubectl taint nodes node01 maintenance:NoSchedule-
# Cordon only stops scheduling; uncordon undoes it.
kubectl cordon node01
kubectl cordon node01
kubectl get nodes
kubectl uncordon node01
# Drain refuses while DaemonSet Pods and unmanaged Pods are on the node.
kubectl drain node01
kubectl drain node01 --ignore-daemonsets --force --dry-run=client
kubectl drain node01 --ignore-daemonsets --force
lab step 30s
kubectl get pods -o wide
# The budget needs one web Pod: draining node02 too has to wait until the replacement is ready.
kubectl drain node02 --ignore-daemonsets --force --timeout=20s
kubectl get pdb web
kubectl uncordon node01
lab step 30s
kubectl drain node02 --ignore-daemonsets --force
kubectl get pods -o wide
kubectl uncordon node02
kubectl get nodes
