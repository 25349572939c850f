# What the API server serves, as on a kubeadm 1.32 cluster: every group/version and resource.
kubectl api-versions
kubectl api-resources
kubectl api-resources --categories=api-extensions
# The old health view: deprecated, but still served; the control plane is healthy.
kubectl get componentstatuses
# Stop the scheduler (move its static Pod manifest away) and look again.
ssh controlplane mv /etc/kubernetes/manifests/kube-scheduler.yaml /root/
lab step 30s
kubectl get cs
ssh controlplane mv /root/kube-scheduler.yaml /etc/kubernetes/manifests/
lab step 30s
kubectl get cs scheduler
# kube-apiserver's own objects: the aggregator's APIServices and API Priority and Fairness.
kubectl get apiservices
kubectl get prioritylevelconfigurations
kubectl get flowschemas
kubectl get flowschema exempt -o yaml
# ReplicationController: the ReplicaSet's predecessor, with a plain label-map selector.
cat > rc.yaml <<'YAML'
apiVersion: v1
kind: ReplicationController
metadata:
  name: web
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
YAML
kubectl apply -f rc.yaml
lab step 30s
kubectl get rc -o wide
kubectl get pods --show-labels
kubectl scale rc web --replicas=3
lab step 30s
kubectl get all
kubectl delete rc web
lab step 30s
kubectl get pods
# The cluster-scoped configuration kinds start empty.
kubectl get runtimeclasses
kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations
kubectl get csidrivers
kubectl explain rc.spec.selector
