# Node troubleshooting: the kubelet service (systemctl, journalctl), heartbeats and NotReady, a broken config, crictl.
systemctl status kubelet
ssh node01 systemctl status kubelet
ssh node01 systemctl stop kubelet
ssh node01 systemctl is-active kubelet
sleep 60
kubectl get nodes
ssh node01 systemctl start kubelet
sleep 10
kubectl get nodes
ssh node01 mv /var/lib/kubelet/config.yaml /tmp/config.yaml
ssh node01 systemctl restart kubelet
ssh node01 systemctl status kubelet
ssh node01 journalctl -u kubelet -n 5 --no-pager
ssh node01 mv /tmp/config.yaml /var/lib/kubelet/config.yaml
sleep 10
ssh node01 systemctl is-active kubelet
ssh node01 journalctl -u kubelet -n 3 --no-pager
ssh node01 crictl ps
ssh node01 crictl pods
ssh node01 crictl images
ssh node01 systemctl stop containerd
ssh node01 crictl ps
ssh node01 systemctl start containerd
ssh node01 hostname
ssh node01 ip -br a
ssh node01 ps aux | grep -c /usr/bin/kubelet
