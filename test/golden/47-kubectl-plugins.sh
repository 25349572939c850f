# kubectl plugins: an executable named kubectl-<name> anywhere on PATH becomes `kubectl <name>`.
# With none installed, plugin list says so and fails.
kubectl plugin list
mkdir -p ~/bin
cat > ~/bin/kubectl-node-status <<'EOF'
#!/bin/bash
# Each node with its STATUS column.
kubectl get nodes --no-headers | awk '{print $1 ": " $2}'
EOF
# Until its directory is on PATH and the file is executable, kubectl does not know it.
kubectl node status
export PATH=$PATH:$HOME/bin
kubectl plugin list
chmod +x ~/bin/kubectl-node-status
kubectl plugin list
# Each word after kubectl is one part of the name: `kubectl node status` runs kubectl-node-status.
kubectl node status
# A dash inside a word stands for an underscore, so this looks for kubectl-node_status.
kubectl node-status
# Global flags go after the plugin's name, never before it.
kubectl -n kube-system node status
# A plugin cannot replace a built-in command: kubectl-get is listed with a warning and never runs.
printf 'echo never\n' > ~/bin/kubectl-get
chmod +x ~/bin/kubectl-get
kubectl plugin list --name-only
kubectl get ns default
# kubectl create looks for a plugin only for subcommands it does not have itself.
printf 'echo "creating a widget"\n' > ~/bin/kubectl-create-widget
chmod +x ~/bin/kubectl-create-widget
kubectl create widget
# `kubectl plugin` alone prints its help on stderr and fails; `kubectl alpha` has nothing in 1.32.
kubectl plugin 2>&1 | head -1
kubectl alpha
