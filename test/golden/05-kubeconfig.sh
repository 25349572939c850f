# Where kubectl connects: the bastion story from the seeds.
kubectl --server https://127.0.0.1:6443 get nodes
echo "exit: $?"
kubectl --server https://192.168.200.10:6443 get nodes -o name
kubectl --server https://nosuchhost:6443 get nodes
kubectl --kubeconfig /tmp/none get nodes
KUBECONFIG=/tmp/none kubectl get nodes
kubectl version
ssh node01
hostname
kubectl get nodes
exit
hostname
ssh controlplane
export KUBECONFIG=/etc/kubernetes/admin.conf
kubectl get nodes -o name
ls /etc/kubernetes
exit
