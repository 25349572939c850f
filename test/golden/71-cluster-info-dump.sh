# kubectl cluster-info dump: nodes, then per namespace its lists and every container's log.
kubectl apply -f nginx-pod.yaml
lab step 30s
# To stdout as JSON: one NodeList, then seven lists for kube-system and seven for default.
kubectl cluster-info dump | grep -c '^    "kind"'
kubectl cluster-info dump | grep '^    "kind"' | sort | uniq -c
kubectl cluster-info dump | grep 'START logs' | tail -2
# To a directory: one file per list, logs.txt per Pod.
kubectl cluster-info dump --output-directory /tmp/dump && ls -R /tmp/dump | head -14
head -c 300 /tmp/dump/nodes.json; echo
sed -n '1p;$p' /tmp/dump/default/nginx-pod/logs.txt
# Other namespaces, and YAML files.
kubectl cluster-info dump --namespaces kube-public -o yaml --output-directory /tmp/yaml; ls /tmp/yaml /tmp/yaml/kube-public
kubectl cluster-info dump -o wide
