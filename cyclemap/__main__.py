from cyclemap.cli import main

main()
