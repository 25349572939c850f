# The CKA etcd drill: back up, change the cluster, restore into a new data dir, point etcd at it.
kubectl apply -f - <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: before-backup
data:
  saved: "yes"
Y
ssh controlplane
export ETCDCTL_API=3
etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key snapshot save /root/backup.db
etcdutl snapshot status /root/backup.db -w table
exit
kubectl apply -f - <<'Y'
apiVersion: v1
kind: ConfigMap
metadata:
  name: after-backup
data:
  lost: "soon"
Y
kubectl get cm
ssh controlplane
etcdutl snapshot restore /root/backup.db --data-dir /var/lib/etcd-from-backup
sed -i 's#      path: /var/lib/etcd$#      path: /var/lib/etcd-from-backup#' /etc/kubernetes/manifests/etcd.yaml
grep -A1 'hostPath:' /etc/kubernetes/manifests/etcd.yaml
exit
lab step 60s
kubectl get cm
kubectl get nodes
