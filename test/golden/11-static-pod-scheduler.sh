# The scheduler lives with its static Pod: move the manifest away, a new Pod stays Pending; break its image with sed -i; put it back.
kubectl get pods -n kube-system -l component=kube-scheduler
ssh controlplane ls /etc/kubernetes/manifests
ssh controlplane mv /etc/kubernetes/manifests/kube-scheduler.yaml /root/
sleep 30
kubectl get pods -n kube-system -l component=kube-scheduler
kubectl apply -f nginx-pod.yaml
sleep 30
kubectl get pod nginx-pod
ssh controlplane mv /root/kube-scheduler.yaml /etc/kubernetes/manifests/
sleep 30
kubectl get pod nginx-pod -o wide
ssh controlplane "sed -i 's/kube-scheduler:v1.32.4/kube-scheduler:v1.32.99/' /etc/kubernetes/manifests/kube-scheduler.yaml"
ssh controlplane grep image: /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 30
kubectl get pods -n kube-system -l component=kube-scheduler
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: waiting
spec:
  containers:
  - name: web
    image: nginx:1.27
YAML
sleep 20
kubectl get pod waiting
ssh controlplane "sed -i 's/v1.32.99/v1.32.4/' /etc/kubernetes/manifests/kube-scheduler.yaml"
sleep 30
kubectl get pod waiting
ssh controlplane crictl ps -a | grep -c kube-scheduler
